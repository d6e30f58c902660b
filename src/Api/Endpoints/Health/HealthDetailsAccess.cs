using System.Net;
using Microsoft.Extensions.Options;
using Veza.Api.Http;

namespace Veza.Api.Endpoints.Health;

/// <summary>Who sees /health's version and components: loopback and <see cref="ApiOptions.HealthDetailsNetworks"/>.</summary>
public sealed class HealthDetailsAccess(IOptions<ApiOptions> options)
{
    // Validated at start-up (ApiOptions.Validate), so Parse cannot fail here.
    private readonly IPNetwork[] _networks = options.Value.HealthDetailsNetworks.Select(n => IPNetwork.Parse(n)).ToArray();

    public bool Allows(IPAddress? address)
    {
        // No address means no TCP connection to place (the in-memory test server, a Unix socket):
        // refuse rather than guess, since Kestrel always gives one.
        if (address is null)
        {
            return false;
        }

        // Dual-stack sockets report IPv4 callers as ::ffff:a.b.c.d, which no IPv4 network contains.
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return IPAddress.IsLoopback(address) || _networks.Any(network => network.Contains(address));
    }
}
