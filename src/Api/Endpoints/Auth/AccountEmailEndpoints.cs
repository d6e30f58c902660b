using MediatR;
using Veza.Api.Http;
using Veza.Application.Auth;
using Veza.Application.Auth.Commands.ConfirmEmailChange;
using Veza.Application.Auth.Commands.ForgotPassword;
using Veza.Application.Auth.Commands.RequestMagicLink;
using Veza.Application.Auth.Commands.ResendVerificationEmail;
using Veza.Application.Auth.Commands.ResetPassword;
using Veza.Application.Auth.Commands.SignInWithMagicLink;
using Veza.Application.Auth.Commands.VerifyEmail;
using Veza.Application.Users.Commands.ChangeEmail;

namespace Veza.Api.Endpoints.Auth;

/// <summary>
/// Everything that works through an emailed link: address verification, password reset, change of
/// address and magic-link sign-in. Links point at the frontend (Email:LinkBaseUrl), whose page posts
/// the token here.
/// </summary>
public sealed class AccountEmailEndpoints : IEndpointGroup
{
    private const string SameAnswer = " The answer is the same 202 whether or not an account uses the address (and for a deleted one), so nobody can learn which addresses have accounts.";
    private const string TokenRefusal = " An unknown, expired, already used or superseded token (a newer link was sent) gives 400 VALIDATION_ERROR on the field token, with one message for all.";

    public void Map(IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth");

        auth.MapPost("/verify-email", async (VerifyEmailCommand command, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(command, ct), "Email address verified."))
            .WithName("VerifyEmail")
            .WithSummary("Verify the account's address with the token from the emailed link")
            .WithDescription("The link sent on registration (or on resend) is {Email:LinkBaseUrl}/verify-email?token=...; the page posts the token here. No sign-in needed. The link is valid 24 hours, once." + TokenRefusal)
            .ProducesErrors(400, 413, 415, 429)
            .WithRateLimitPolicy(RateLimitPolicies.AccountToken)
            .AllowAnonymous();

        auth.MapPost("/verify-email/resend", async (IMediator mediator, CancellationToken ct) =>
                ApiResults.Accepted(await mediator.Send(new ResendVerificationEmailCommand(), ct), "A new verification link is on its way."))
            .WithName("ResendVerificationEmail")
            .WithSummary("Mail the caller a new verification link")
            .WithDescription($"The previous link stops working once the new one is sent. At most {Application.Auth.AccountEmailThrottle.PerRecipient.PermitLimit} an hour per account (429 with Retry-After). An address that is already verified gets 409 CONFLICT (field email) and no email. Admins can require a verified address before uploading, posting or selling (runtime setting require_verified_email): those requests answer 403 EMAIL_NOT_VERIFIED until it is.")
            .ProducesErrors(401, 404, 409, 429)
            .WithRateLimitPolicy(RateLimitPolicies.AccountEmail)
            .RequireAuthorization();

        auth.MapPost("/forgot-password", async (ForgotPasswordCommand command, IMediator mediator, CancellationToken ct) =>
                ApiResults.Accepted(await mediator.Send(command, ct), EmailRequestAcceptedDto.Message))
            .WithName("ForgotPassword")
            .WithSummary("Mail a password-reset link")
            .WithDescription($"Mails {{Email:LinkBaseUrl}}/reset-password?token=... (valid 30 minutes, once; a newer request supersedes it) to the account with this address. Suspended and banned accounts get it too (a reset signs nobody in).{SameAnswer} Limited per client address and to {AccountEmailThrottle.PerRecipient.PermitLimit} an hour per email address (429 with Retry-After, for unknown addresses alike).")
            .ProducesErrors(400, 413, 415, 429)
            .WithRateLimitPolicy(RateLimitPolicies.AccountEmail)
            .AllowedDuringMaintenance()
            .AllowAnonymous();

        auth.MapPost("/reset-password", async (ResetPasswordCommand command, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(command, ct), "Password reset. Every session was signed out: sign in with the new password."))
            .WithName("ResetPassword")
            .WithSummary("Set a new password with the token from the reset link")
            .WithDescription("The new password follows the registration rules (8-128 characters, not a common password). Every session of the account is revoked at once, on every node, and the owner gets an email saying so. The address counts as verified from then on (the link reached it)." + TokenRefusal)
            .ProducesErrors(400, 413, 415, 429)
            .WithRateLimitPolicy(RateLimitPolicies.AccountToken)
            .AllowedDuringMaintenance()
            .AllowAnonymous();

        auth.MapPost("/email-change/confirm", async (ConfirmEmailChangeCommand command, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(command, ct), "Email address changed."))
            .WithName("ConfirmEmailChange")
            .WithSummary("Move the account to its new address with the token from the link mailed there")
            .WithDescription("The link from POST /users/me/email is {Email:LinkBaseUrl}/confirm-email-change?token=... (valid 24 hours, once); the page posts the token here. No sign-in needed. The new address is verified. If another account took the address meanwhile, 409 CONFLICT (field email) and nothing changes." + TokenRefusal)
            .ProducesErrors(400, 409, 413, 415, 429)
            .WithRateLimitPolicy(RateLimitPolicies.AccountToken)
            .AllowAnonymous();

        auth.MapPost("/magic-link", async (RequestMagicLinkCommand command, IMediator mediator, CancellationToken ct) =>
                ApiResults.Accepted(await mediator.Send(command, ct), EmailRequestAcceptedDto.Message))
            .WithName("RequestMagicLink")
            .WithSummary("Mail a sign-in link (no password)")
            .WithDescription($"Mails {{Email:LinkBaseUrl}}/magic-link?token=... (valid 15 minutes, once; a newer request supersedes it) to the account with this address.{SameAnswer} Limited per client address and to {AccountEmailThrottle.PerRecipient.PermitLimit} an hour per email address (429 with Retry-After, for unknown addresses alike).")
            .ProducesErrors(400, 413, 415, 429)
            .WithRateLimitPolicy(RateLimitPolicies.AccountEmail)
            .AllowAnonymous();

        auth.MapPost("/magic-link/verify", async (SignInWithMagicLinkCommand command, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(command, ct), "Signed in."))
            .WithName("SignInWithMagicLink")
            .WithSummary("Sign in with the token from the emailed link")
            .WithDescription("Answers like POST /auth/login: the token pair with mfa_required false, or, when the account has two-factor authentication on, mfa_required true and an mfa_token for POST /auth/2fa/verify. A suspended or banned account gets 403 ACCOUNT_SUSPENDED / ACCOUNT_BANNED (the link stays unspent). The address counts as verified from then on." + TokenRefusal)
            .ProducesErrors(400, 403, 413, 415, 429)
            .WithRateLimitPolicy(RateLimitPolicies.AccountToken)
            .AllowedDuringMaintenance()
            .AllowAnonymous();

        var users = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization();

        users.MapPost("/me/email", async (ChangeEmailCommand command, IMediator mediator, CancellationToken ct) =>
                ApiResults.Accepted(await mediator.Send(command, ct), "A confirmation link was sent to the new address, and a notice to the current one."))
            .WithName("ChangeMyEmail")
            .WithSummary("Ask to move the account to a new address")
            .WithDescription("Requires the password (a wrong one counts as a failed login: 400 on password, 429 when throttled). A link (valid 24 hours) goes to new_email and a notice to the current address; the address changes only when the link is used (POST /auth/email-change/confirm). A newer request supersedes the older link. 409 CONFLICT (field new_email) when another account uses the address.")
            .ProducesErrors(400, 401, 404, 409, 413, 415, 429);
    }
}
