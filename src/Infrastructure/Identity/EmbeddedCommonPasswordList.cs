using System.Diagnostics.CodeAnalysis;
using System.IO.Compression;
using System.Text;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.Identity;

/// <summary>
/// The 100,000 most common leaked passwords of 8 to 128 characters (shorter ones are refused anyway),
/// shipped gzip-compressed as an embedded resource; where they come from, and under which licence, is
/// in common-passwords.SOURCE.md beside the file. Compared case-insensitively: "Password1" is as weak as
/// "password1".
/// </summary>
public sealed class EmbeddedCommonPasswordList : ICommonPasswordList
{
    private const string ResourceName = "Veza.Infrastructure.common-passwords.txt.gz";

    // Once per process, on first use: every container (and every test host) shares the ~100,000 entries,
    // and a process that never checks a password never reads them.
    private static readonly Lazy<HashSet<string>> Passwords = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    [SuppressMessage("Performance", "CA1822", Justification = "Read through the adapter instance, like Contains; only the data behind it is shared.")]
    public int Count => Passwords.Value.Count;

    public bool Contains(string password) => Passwords.Value.Contains(password);

    private static HashSet<string> Load()
    {
        using var stream = typeof(EmbeddedCommonPasswordList).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The common password list is missing from the assembly.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var passwords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                passwords.Add(line);
            }
        }

        return passwords;
    }
}
