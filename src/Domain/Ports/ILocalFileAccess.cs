namespace Veza.Domain.Ports;

/// <summary>
/// What a storage adapter that keeps files on this node's disk offers besides <see cref="IFileStorage"/>:
/// the path behind a key, so the byte routes can read through a cache of open handles instead of opening
/// a stream per request. Adapters without local files (S3) do not implement it and are streamed.
/// </summary>
public interface ILocalFileAccess
{
    /// <summary>The full path of <paramref name="key"/> (whether or not a file is there); the key rules of <see cref="IFileStorage"/> apply.</summary>
    string PathFor(string key);
}
