using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Veza.TestKit;

/// <summary>
/// Sends requests as one caller (a user, or nobody): each in a DI scope of its own, as one HTTP request or
/// hub call, through IMediator and every pipeline behaviour (authorization, validation, unit of work).
/// </summary>
public sealed class KitCaller
{
    private readonly IServiceProvider _services;

    internal KitCaller(IServiceProvider services, KitUser? user, string? ipAddress)
    {
        _services = services;
        User = user;
        IpAddress = ipAddress;
    }

    /// <summary>Null for an anonymous caller.</summary>
    public KitUser? User { get; }

    public string? IpAddress { get; }

    /// <summary>The same caller, calling from another address (rate limits and sign-in checks look at it).</summary>
    public KitCaller From(string ipAddress) => new(_services, User, ipAddress);

    public async Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<KitCurrentUser>().Become(User, IpAddress);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, cancellationToken);
    }

    /// <summary>Runs <paramref name="action"/> in a scope of its own where this caller is the current user (to reach a port or read model directly).</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<KitCurrentUser>().Become(User, IpAddress);
        return await action(scope.ServiceProvider);
    }
}
