namespace Veza.Domain.Ports;

/// <summary>Private working directories on local disk (for tools that need files), deleted when disposed.</summary>
public interface IScratchSpace
{
    ScratchDirectory Create(string purpose);

    /// <summary>
    /// Removes the working directories a process that died left behind (a killed node's track job): those no one in
    /// this process holds, in which nothing was written since <paramref name="idleSince"/>; answers how many.
    /// </summary>
    int DeleteAbandoned(DateTimeOffset idleSince);
}

/// <summary>A directory only its creator uses; disposing it deletes it with everything in it.</summary>
public sealed class ScratchDirectory : IDisposable
{
    private readonly Action? _released;

    /// <param name="path">Created now.</param>
    /// <param name="released">Told once the directory is disposed (whether or not it could be deleted).</param>
    public ScratchDirectory(string path, Action? released = null)
    {
        Path = path;
        _released = released;
        Directory.CreateDirectory(path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open (a tool being killed): the orphan sweep takes it once it has been idle long enough.
        }
        catch (UnauthorizedAccessException)
        {
        }
        finally
        {
            _released?.Invoke();
        }
    }
}
