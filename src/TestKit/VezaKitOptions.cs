using Microsoft.Extensions.DependencyInjection;
using Veza.Domain.Ports;

namespace Veza.TestKit;

/// <summary>What a suite may change about the kit's platform; everything has a default.</summary>
public sealed class VezaKitOptions
{
    /// <summary>The platform's clock; a <see cref="KitClock"/> (real time plus an offset) unless set, for instance to a <see cref="ManualClock"/>.</summary>
    public IClock? Clock { get; set; }

    /// <summary>Configuration on top of the kit's (keys as in appsettings, for instance "Chat:MaxMessageLength").</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    /// <summary>Runs last on the service collection: replace an adapter with a fake of the suite's own.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }
}
