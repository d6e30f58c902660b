using MediatR;
using Veza.Api.Http;
using Veza.Application.Auth.TwoFactor.Commands.ConfirmTwoFactor;
using Veza.Application.Auth.TwoFactor.Commands.DisableTwoFactor;
using Veza.Application.Auth.TwoFactor.Commands.RegenerateRecoveryCodes;
using Veza.Application.Auth.TwoFactor.Commands.SetUpTwoFactor;
using Veza.Application.Auth.TwoFactor.Commands.VerifyTwoFactor;
using Veza.Application.Auth.TwoFactor.Queries.GetTwoFactorStatus;

namespace Veza.Api.Endpoints.Auth;

/// <summary>TOTP two-factor authentication (RFC 6238): enrolment, the second step of sign-in, recovery codes. See docs/decisions/0016.</summary>
public sealed class TwoFactorEndpoints : IEndpointGroup
{
    private const string CodeRules = "Send either code (the 6 digits the authenticator app shows; accepted for its 30-second step and one step either side, and never twice) or recovery_code (any one of the unused recovery codes; dashes, spaces and case do not matter; each works once). A wrong, replayed or used code answers 400 on its field; 5 wrong codes within 15 minutes lock the account's second step: every code check (here, /verify, /disable, /recovery-codes) answers 429 RATE_LIMITED with Retry-After for 1 minute, then 2, 4, 8, up to 15 for each further wrong code.";

    public void Map(IEndpointRouteBuilder app)
    {
        var twoFactor = app.MapGroup("/api/v1/auth/2fa").WithTags("Two-factor authentication");

        twoFactor.MapGet("", async (IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new GetTwoFactorStatusQuery(), ct)))
            .WithName("GetTwoFactorStatus")
            .WithSummary("Whether the caller's second factor is on, and how many recovery codes are left")
            .WithDescription("enabled: sign-in asks for a code. pending: a setup waits for its first code (POST /auth/2fa/confirm). recovery_codes_left: unused recovery codes (0 when off).")
            .ProducesErrors(401, 429)
            .RequireAuthorization();

        twoFactor.MapPost("/setup", async (SetUpTwoFactorCommand command, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(command, ct), "Scan the QR code, then confirm with a code."))
            .WithName("SetUpTwoFactor")
            .WithSummary("Start setting up an authenticator app (password required)")
            .WithDescription("Returns a new TOTP secret (base32, 160 bits), its otpauth:// URI (SHA1, 6 digits, 30 s) and the URI as a QR code (qr_code_png: a PNG in base64). Nothing changes at sign-in until POST /auth/2fa/confirm accepts a first code; a new setup before that replaces the pending secret. The secret is stored encrypted (AES-256-GCM). A wrong password answers 400 on password and counts as a failed sign-in (the same throttle, 429 with Retry-After). When two-factor authentication is already on: 422 INVALID_STATE (turn it off first). Allowed during maintenance, so an admin required to use a second factor can always enrol.")
            .ProducesErrors(400, 401, 413, 415, 422, 429)
            .AllowedDuringMaintenance()
            .RequireAuthorization();

        twoFactor.MapPost("/confirm", async (ConfirmTwoFactorCommand command, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(command, ct), "Two-factor authentication is on. Keep the recovery codes somewhere safe: they are shown only now."))
            .WithName("ConfirmTwoFactor")
            .WithSummary("Turn two-factor authentication on with a first code")
            .WithDescription("code: the 6 digits the app shows for the pending secret (one 30-second step either side is accepted). Returns 10 recovery codes, shown only this once (only their hashes are kept); the code used here can never be used again. Without a pending setup, or when already on: 422 INVALID_STATE. A wrong code answers 400 on code and counts towards the account's second-factor lock (429 with Retry-After).")
            .ProducesErrors(400, 401, 413, 415, 422, 429)
            .AllowedDuringMaintenance()
            .RequireAuthorization();

        twoFactor.MapPost("/verify", async (VerifyTwoFactorCommand command, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(command, ct), "Signed in."))
            .WithName("VerifyTwoFactor")
            .WithSummary("Second step of sign-in: the mfa_token and a code, for the token pair")
            .WithDescription("mfa_token: from a sign-in that answered mfa_required true (password login, magic link or OAuth); valid 5 minutes, spent by a successful verification only, so a mistyped code can be retried with the same token. An unknown, expired, spent or superseded mfa_token answers 400 on mfa_token (sign in again). " + CodeRules + " Returns the same shape as POST /auth/login, with mfa_required false and the tokens.")
            .ProducesErrors(400, 403, 413, 415, 429)
            .WithRateLimitPolicy(RateLimitPolicies.Login)
            .AllowedDuringMaintenance()
            .AllowAnonymous();

        twoFactor.MapPost("/disable", async (DisableTwoFactorCommand command, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(command, ct), "Two-factor authentication is off."))
            .WithName("DisableTwoFactor")
            .WithSummary("Turn two-factor authentication off (password and a code or a recovery code)")
            .WithDescription("password: the account's password (a wrong one answers 400 on password and counts as a failed sign-in). " + CodeRules + " A recovery code is accepted so a lost authenticator does not lock the owner in. Deletes the secret and the recovery codes. When it is not on: 422 INVALID_STATE.")
            .ProducesErrors(400, 401, 413, 415, 422, 429)
            .RequireAuthorization();

        twoFactor.MapPost("/recovery-codes", async (RegenerateRecoveryCodesCommand command, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(command, ct), "New recovery codes. The earlier ones no longer work."))
            .WithName("RegenerateRecoveryCodes")
            .WithSummary("Replace the recovery codes (a code or a recovery code required)")
            .WithDescription(CodeRules + " Returns 10 new recovery codes, shown only this once; every earlier code stops working. Re-authentication with the second factor is required so that a stolen access token cannot mint recovery codes. When two-factor authentication is not on: 422 INVALID_STATE.")
            .ProducesErrors(400, 401, 413, 415, 422, 429)
            .RequireAuthorization();
    }
}
