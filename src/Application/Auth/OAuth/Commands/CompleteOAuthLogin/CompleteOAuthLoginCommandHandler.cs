using MediatR;
using Microsoft.Extensions.Logging;
using Veza.Application.Auth.AccountTokens;
using Veza.Application.Auth.OAuth.Commands.ExchangeOAuthLoginCode;
using Veza.Application.Common.Exceptions;
using Veza.Domain.AccountTokens;
using Veza.Domain.Auditing;
using Veza.Domain.Identities;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Auth.OAuth.Commands.CompleteOAuthLogin;

/// <summary>
/// Finishes a provider sign-in (docs/decisions/0017): spends the state, exchanges the code with its PKCE
/// verifier, and finds the account: the one linked to this provider account, else the one at the address
/// when both the provider and the account verified it (then linked), else a new one without a password
/// when the provider verified the address. Hands back a one-time login
/// code for the frontend; every refusal once the state is known goes back to the frontend as an error.
/// </summary>
public sealed partial class CompleteOAuthLoginCommandHandler(
    IOAuthProviderClient providers,
    IPendingOAuthLoginRepository pending,
    IUserIdentityRepository identities,
    IUserRepository users,
    IRuntimeSettings settings,
    AccountTokenService accountTokens,
    Common.Email.AccountMailer mailer,
    ITokenService secrets,
    IAuditTrail audit,
    IClock clock,
    ILogger<CompleteOAuthLoginCommandHandler> logger)
    : IRequestHandler<CompleteOAuthLoginCommand, OAuthCallbackResult>
{
    /// <summary>Candidates "name_2" to "name_N" before a random suffix.</summary>
    private const int NumberedUsernameAttempts = 20;

    public async Task<OAuthCallbackResult> Handle(CompleteOAuthLoginCommand request, CancellationToken cancellationToken)
    {
        var provider = OAuthProviderRoute.Resolve(request.Provider, providers);
        var login = string.IsNullOrEmpty(request.State) ? null : await pending.FindByStateHashAsync(secrets.HashOpaqueToken(request.State), cancellationToken);
        if (login is null)
        {
            audit.Record(AuditActions.OAuthLogin, AuditOutcomes.Failure, null, $"{provider.ToName()}: unknown state");
            throw new InvalidOAuthStateException();
        }

        var now = clock.UtcNow;
        if (!login.Consume(provider, now))
        {
            return Refuse(login, provider, OAuthErrors.InvalidState, null, "state spent, expired or for another provider");
        }

        if (!string.IsNullOrEmpty(request.Error) || string.IsNullOrEmpty(request.Code))
        {
            var error = request.Error == OAuthErrors.AccessDenied ? OAuthErrors.AccessDenied : OAuthErrors.ProviderError;
            return Refuse(login, provider, error, null, $"provider answered {Limit(request.Error) ?? "no code"}");
        }

        ExternalProfile profile;
        try
        {
            profile = await providers.FetchProfileAsync(provider, request.Code, login.CodeVerifier, cancellationToken);
        }
        catch (OAuthProviderException ex)
        {
            LogProviderFailure(logger, provider.ToName(), ex);
            return Refuse(login, provider, OAuthErrors.ProviderError, null, "code exchange or profile refused");
        }

        var (user, refusal) = await FindOrCreateUserAsync(provider, profile, now, cancellationToken);
        if (user is null)
        {
            return Refuse(login, provider, refusal!, null, refusal!);
        }

        if (!user.IsActiveAt(now) && user.Status is AccountStatus.Suspended or AccountStatus.Banned)
        {
            return Refuse(login, provider, OAuthErrors.AccountRestricted, user.Id, "account restricted");
        }

        var code = await accountTokens.IssueAsync(user.Id, AccountTokenPurpose.OAuthLogin, OAuthLoginCodePayload.Write(provider.ToName(), login.BindingHash), cancellationToken);
        audit.Record(AuditActions.OAuthLogin, AuditOutcomes.Success, user.Id, provider.ToName());
        return new OAuthCallbackResult(login.RedirectUri, code.Secret, null);
    }

    /// <returns>The account to sign in, or null and the error to send back.</returns>
    private async Task<(User? User, string? Refusal)> FindOrCreateUserAsync(ExternalProvider provider, ExternalProfile profile, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var email = profile.Email is { } given && EmailRules.IsValid(given) ? given : null;
        var identity = await identities.FindAsync(provider, profile.Subject, cancellationToken);
        if (identity is not null && await users.GetByIdAsync(identity.UserId, cancellationToken) is { Status: not AccountStatus.Deleted } linked)
        {
            identity.RecordUse(email, now);
            return (linked, null);
        }

        if (identity is not null)
        {
            // The account behind the link was deleted: the link goes with it; sign-in carries on as for a stranger.
            identities.Remove(identity);
        }

        if (email is null)
        {
            return (null, OAuthErrors.EmailRequired);
        }

        var existing = await users.FindByLoginAsync(email, cancellationToken);
        if (existing is not null)
        {
            // Only a provider's word that the person reads mail there ties them to the account at that address.
            if (!profile.EmailVerified)
            {
                return (null, OAuthErrors.EmailNotVerified);
            }

            // Nor the word of someone who registered the address here without proving it (a pre-registered
            // account with a password the real owner does not know must never receive their sign-in).
            if (!existing.IsEmailVerified)
            {
                return (null, OAuthErrors.AccountEmailUnverified);
            }

            if (!existing.IsActiveAt(now) && existing.Status is AccountStatus.Suspended or AccountStatus.Banned)
            {
                return (null, OAuthErrors.AccountRestricted);
            }

            if ((await identities.ListForUserAsync(existing.Id, cancellationToken)).Any(i => i.Provider == provider))
            {
                return (null, OAuthErrors.IdentityConflict);
            }

            Link(existing, provider, profile.Subject, email, now);
            // A new way into an existing account: its owner hears of it at their address.
            mailer.Queue(existing, Common.Email.AccountEmails.ProviderLinkedNotice);
            return (existing, null);
        }

        if (!(await settings.GetAsync(cancellationToken)).RegistrationOpen)
        {
            return (null, OAuthErrors.RegistrationClosed);
        }

        // A new account only for an address the provider verified: an account made from an unverified one
        // would sit at someone else's address, linked to a provider account its owner does not hold.
        if (!profile.EmailVerified)
        {
            return (null, OAuthErrors.EmailNotVerified);
        }

        var user = User.RegisterWithoutPassword(await FreeUsernameAsync(profile, email, cancellationToken), email, now);
        user.MarkEmailVerified(now);

        users.Add(user);
        audit.Record(AuditActions.Register, AuditOutcomes.Success, user.Id, provider.ToName());
        Link(user, provider, profile.Subject, email, now);
        return (user, null);
    }

    private void Link(User user, ExternalProvider provider, string subject, string email, DateTimeOffset now)
    {
        identities.Add(UserIdentity.Link(user.Id, provider, subject, email, now));
        audit.Record(AuditActions.IdentityLink, AuditOutcomes.Success, user.Id, provider.ToName());
    }

    /// <summary>The suggestion from the profile if free, else with "_2", "_3"..., then a random suffix (the unique index decides a race: 409).</summary>
    private async Task<string> FreeUsernameAsync(ExternalProfile profile, string email, CancellationToken cancellationToken)
    {
        var suggestion = UsernameRules.Suggest(profile.Login, profile.Name, email[..email.IndexOf('@')]);
        var candidate = suggestion;
        for (var n = 2; await users.UsernameTakenAsync(candidate, cancellationToken); n++)
        {
            candidate = n <= NumberedUsernameAttempts
                ? UsernameRules.WithSuffix(suggestion, n.ToString(System.Globalization.CultureInfo.InvariantCulture))
                : UsernameRules.WithSuffix(suggestion, Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)));
        }

        return candidate;
    }

    private OAuthCallbackResult Refuse(PendingOAuthLogin login, ExternalProvider provider, string error, Guid? userId, string detail)
    {
        audit.Record(AuditActions.OAuthLogin, AuditOutcomes.Failure, userId, $"{provider.ToName()}: {detail}");
        return OAuthCallbackResult.Failed(login.RedirectUri, error);
    }

    private static string? Limit(string? text) => text is null ? null : text[..Math.Min(text.Length, 64)];

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth sign-in with {Provider} failed at the provider")]
    private static partial void LogProviderFailure(ILogger logger, string provider, Exception ex);
}
