using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Veza.Application.Common.Caching;
using Veza.Infrastructure.Common;

namespace Veza.Infrastructure.Caching;

/// <summary>The one-node cache: this process's memory, bounded by Cache:MaxEntries (one unit per entry).</summary>
public sealed class InMemoryCache(IOptions<CacheOptions> options) : ICache, IInProcessState, IDisposable
{
    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxEntries });

    public Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken) where T : class =>
        Task.FromResult(_entries.Get(key) as T);

    public Task SetAsync<T>(string key, T value, TimeSpan timeToLive, CancellationToken cancellationToken) where T : class
    {
        _entries.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = timeToLive });
        return Task.CompletedTask;
    }

    public Task RemoveAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            _entries.Remove(key);
        }

        return Task.CompletedTask;
    }

    public void Clear() => _entries.Clear();

    public void Dispose() => _entries.Dispose();
}
