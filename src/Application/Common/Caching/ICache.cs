namespace Veza.Application.Common.Caching;

/// <summary>
/// A read-through cache for hot, viewer-independent reads (public profiles, track metadata, the public room
/// list's order). Entries expire after their time to live, the backstop when an invalidation is missed; changes drop them through
/// <see cref="CacheInvalidated"/>, which every node hears. An adapter never throws because its store is
/// unreachable: a get answers a miss, a set or remove does nothing, and the caller reads the source.
/// </summary>
public interface ICache
{
    Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken) where T : class;

    Task SetAsync<T>(string key, T value, TimeSpan timeToLive, CancellationToken cancellationToken) where T : class;

    Task RemoveAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);
}

/// <summary>How long a cached entry may live (Cache:TimeToLive): the longest several nodes may serve a value whose invalidation they missed.</summary>
public sealed record CacheSettings(TimeSpan TimeToLive);

/// <summary>The keys of what is cached, one place so writers and readers agree.</summary>
public static class CacheKeys
{
    public static string Profile(Guid userId) => $"profile:{userId:N}";

    public static string Track(Guid trackId) => $"track:{trackId:N}";

    /// <summary>One entry for every public room, in order of activity (the room list's shared part).</summary>
    public const string PublicChatRooms = "chat-rooms:public";
}
