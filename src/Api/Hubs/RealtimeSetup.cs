using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Veza.Infrastructure.Realtime;

namespace Veza.Api.Hubs;

public static class RealtimeSetup
{
    /// <summary>SignalR with the JSON protocol in snake_case (as the REST API), the error filter, and delivery of the application's realtime events.</summary>
    public static IServiceCollection AddVezaRealtime(this IServiceCollection services)
    {
        services.AddSignalR(options => options.AddFilter<HubErrorFilter>())
            .AddJsonProtocol(options => RealtimeJson.Configure(options.PayloadSerializerOptions));
        // The JSON protocol, wrapped so refusals read "CODE: message" (CodedErrorsHubProtocol).
        services.RemoveAll<IHubProtocol>();
        services.AddSingleton<IHubProtocol>(sp => new CodedErrorsHubProtocol(new JsonHubProtocol(sp.GetRequiredService<IOptions<JsonHubProtocolOptions>>())));
        services.AddSingleton<HubErrorFilter>();
        services.AddSingleton<HubConnections>();
        services.AddHostedService<HubDelivery>();
        return services;
    }
}
