namespace Veza.Domain.Ports;

/// <summary>Private working directories on local disk (for tools that need files), deleted when disposed.</summary>
public interface IScratchSpace
{
    ScratchDirectory Create(string purpose);
}

/// <summary>A directory only its creator uses; disposing it deletes it with everything in it.</summary>
public sealed class ScratchDirectory : IDisposable
{
    public ScratchDirectory(string path)
    {
        Path = path;
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
            // A file still held open (a tool being killed): the system's temp cleaner takes it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
