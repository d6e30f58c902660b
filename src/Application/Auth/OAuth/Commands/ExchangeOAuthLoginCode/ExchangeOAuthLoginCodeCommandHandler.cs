using System.Security.Cryptography;
using System.Text;
using MediatR;
using Veza.Application.Auth.AccountTokens;
using Veza.Application.Auth.SignIn;
using Veza.Application.Common.Exceptions;
using Veza.Domain.AccountTokens;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Auth.OAuth.Commands.ExchangeOAuthLoginCode;

/// <summary>
/// Swaps a provider sign-in's one-time login code (60 seconds, single use) for what every first-factor
/// sign-in ends with: the token pair, or the second-factor challenge.
/// </summary>
public sealed class ExchangeOAuthLoginCodeCommandHandler(
    AccountTokenService accountTokens, IUserRepository users, ITokenService secrets, IAuditTrail audit, IClock clock, SignInCompleter signIn)
    : IRequestHandler<ExchangeOAuthLoginCodeCommand, SignInResultDto>
{
    public const string Field = "login_code";

    public async Task<SignInResultDto> Handle(ExchangeOAuthLoginCodeCommand request, CancellationToken cancellationToken)
    {
        var token = await accountTokens.RedeemAsync(AccountTokenPurpose.OAuthLogin, request.LoginCode, Field, cancellationToken);
        var (provider, bindingHash) = OAuthLoginCodePayload.Read(token.Payload);
        // Login CSRF: a code from a sign-in this frontend did not start (someone's own, planted in this browser) is refused; the refusal rolls back, the code is not spent.
        if (bindingHash is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(bindingHash), Encoding.ASCII.GetBytes(secrets.HashOpaqueToken(request.Binding))))
        {
            throw new RequestValidationException([new FieldError("binding", "This sign-in was started in another browser: start it again here.")]);
        }

        var user = await users.GetByIdAsync(token.UserId, cancellationToken);
        if (user is null || user.Status == AccountStatus.Deleted)
        {
            throw new InvalidAccountTokenException(Field);
        }

        var now = clock.UtcNow;
        // Suspended or banned between the callback and now.
        user.EnsureMaySignIn(now);
        user.RecordSuccessfulLogin(now);
        audit.Record(AuditActions.Login, AuditOutcomes.Success, user.Id, $"oauth: {provider}");
        return await signIn.CompleteAsync(user, cancellationToken);
    }
}
