using Microsoft.AspNetCore.Http.Metadata;
using Veza.Application.Common.Security;

namespace Veza.Api.Http;

public static class VerifiedEmailConventions
{
    public const string Note =
        " While an admin requires verified addresses (runtime setting require_verified_email), a caller whose address is not verified gets 403 EMAIL_NOT_VERIFIED (POST /api/v1/auth/verify-email/resend mails a new link).";

    /// <summary>
    /// Documents, on an endpoint whose command is <see cref="IRequiresVerifiedEmail"/>, the 403
    /// EMAIL_NOT_VERIFIED answer (<see cref="Application.Common.Exceptions.EmailNotVerifiedException"/>) (the behaviour enforces it; this only tells Swagger readers).
    /// </summary>
    public static RouteHandlerBuilder DocumentsVerifiedEmailRequirement(this RouteHandlerBuilder builder)
    {
        builder.ProducesErrors(StatusCodes.Status403Forbidden);
        builder.Finally(endpoint =>
        {
            var described = endpoint.Metadata.OfType<IEndpointDescriptionMetadata>().LastOrDefault()?.Description ?? string.Empty;
            endpoint.Metadata.Add(new VerifiedEmailDescription(described + Note));
        });
        return builder;
    }

    private sealed record VerifiedEmailDescription(string Description) : IEndpointDescriptionMetadata;
}
