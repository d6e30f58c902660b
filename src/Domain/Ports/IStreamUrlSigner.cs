namespace Veza.Domain.Ports;

/// <summary>
/// Signs and checks the URLs that serve audio bytes (progressive files, HLS playlists and segments):
/// <c>exp</c> (Unix seconds), <c>kid</c> (key id), <c>lid</c> (the listener: a user id or an anonymous id)
/// and <c>sig</c>, an HMAC-SHA256 over the path and those parameters. Several keys may be accepted at once
/// (a rotation); new URLs are signed with the current one.
/// </summary>
public interface IStreamUrlSigner
{
    /// <summary>How long a new URL stays valid.</summary>
    TimeSpan UrlLifetime { get; }

    /// <returns>The query string (without '?') that makes <paramref name="path"/> valid for <paramref name="listenerId"/> until <paramref name="expiresAt"/>.</returns>
    string Sign(string path, string listenerId, DateTimeOffset expiresAt);

    /// <summary>
    /// The grant a request's signature carries when it is valid for <paramref name="path"/> at
    /// <paramref name="now"/>; null for a missing, malformed, tampered, unknown-key or expired one alike.
    /// The comparison is constant-time.
    /// </summary>
    StreamGrant? Verify(string path, string? exp, string? kid, string? lid, string? sig, DateTimeOffset now);

    /// <summary>
    /// The listener id of an anonymous caller: <c>a-</c> and a keyed hash of their address and user agent,
    /// the same for the same pair (so their plays count once) and never revealing either.
    /// </summary>
    string AnonymousListenerId(string? ipAddress, string? userAgent);
}

public static class StreamUrlSigning
{
    /// <summary>The path with its signature for the listener until the expiry: the URL a client opens as it is.</summary>
    public static string SignedUrl(this IStreamUrlSigner signer, string path, string listenerId, DateTimeOffset expiresAt) =>
        $"{path}?{signer.Sign(path, listenerId, expiresAt)}";
}

/// <summary>Who a valid signature lets listen, and until when.</summary>
public sealed record StreamGrant(string ListenerId, DateTimeOffset ExpiresAt);
