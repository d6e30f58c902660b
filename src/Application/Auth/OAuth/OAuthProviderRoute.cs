using Veza.Application.Common.Exceptions;
using Veza.Domain.Identities;
using Veza.Domain.Ports;

namespace Veza.Application.Auth.OAuth;

internal static class OAuthProviderRoute
{
    /// <summary>The provider a route names; 404 for an unknown one and for one without configured credentials alike.</summary>
    public static ExternalProvider Resolve(string name, IOAuthProviderClient providers) =>
        ExternalProviders.TryParse(name, out var provider) && providers.IsEnabled(provider)
            ? provider
            : throw new NotFoundException("No such sign-in provider.");
}
