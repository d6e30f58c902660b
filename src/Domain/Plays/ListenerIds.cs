namespace Veza.Domain.Plays;

/// <summary>
/// The <c>lid</c> a stream URL is signed for: a signed-in listener's user id (32 hex digits), or for an
/// anonymous listener <c>a-</c> and a keyed hash of their address and user agent (never the raw values).
/// </summary>
public static class ListenerIds
{
    public const string AnonymousPrefix = "a-";

    public static string ForUser(Guid userId) => userId.ToString("N");

    /// <summary>The user behind a listener id, or null for an anonymous one.</summary>
    public static Guid? UserOf(string listenerId) =>
        !listenerId.StartsWith(AnonymousPrefix, StringComparison.Ordinal) && Guid.TryParseExact(listenerId, "N", out var id) ? id : null;
}
