using MediatR;
using Veza.Application.Auth.AccountTokens;
using Veza.Application.Auth.SignIn;
using Veza.Application.Common.Exceptions;
using Veza.Domain.AccountTokens;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Auth.Commands.SignInWithMagicLink;

public sealed class SignInWithMagicLinkCommandHandler(
    AccountTokenService tokens, AddressOwnerClaim claim, SignInCompleter signIn, IAuditTrail audit, IClock clock)
    : IRequestHandler<SignInWithMagicLinkCommand, SignInResultDto>
{
    public async Task<SignInResultDto> Handle(SignInWithMagicLinkCommand request, CancellationToken cancellationToken)
    {
        var (_, user) = await tokens.RedeemForLiveUserAsync(AccountTokenPurpose.MagicLink, request.Token, "token", cancellationToken);

        var now = clock.UtcNow;
        // Refused with the reason (403); the transaction rolls back, so the link is not spent by it.
        user.EnsureMaySignIn(now);
        await claim.ProveAddressAsync(user, ownerSetPassword: false, cancellationToken);
        user.RecordSuccessfulLogin(now);
        audit.Record(AuditActions.MagicLinkLogin, AuditOutcomes.Success, user.Id);
        return await signIn.CompleteAsync(user, cancellationToken);
    }
}
