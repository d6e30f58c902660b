namespace Veza.Infrastructure.Common;

/// <summary>What the sweeps of local directories (stored files, work directories) read from the disk.</summary>
internal static class LocalFiles
{
    /// <summary>Every entry, dot files included (Unix calls them hidden, and .NET skips hidden entries by default: temporary files are among them).</summary>
    public static readonly EnumerationOptions Everything = new() { AttributesToSkip = 0, IgnoreInaccessible = true };

    /// <summary><see cref="Everything"/>, in sub-directories too.</summary>
    public static readonly EnumerationOptions EverythingBelow = new() { AttributesToSkip = 0, IgnoreInaccessible = true, RecurseSubdirectories = true };

    public static DateTimeOffset WrittenAt(FileSystemInfo entry) => new(entry.LastWriteTimeUtc, TimeSpan.Zero);

    /// <summary>
    /// When anything in the directory was last written: its own time changes as entries come and go, a file's as it
    /// is written (a temporary file while an upload streams in, a tool's output as it encodes).
    /// </summary>
    public static DateTimeOffset LastWrittenUnder(DirectoryInfo directory) =>
        directory.EnumerateFileSystemInfos("*", EverythingBelow).Select(WrittenAt).Append(WrittenAt(directory)).Max();
}
