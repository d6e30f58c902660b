using MediatR;
using Veza.Application.Auth.AccountTokens;
using Veza.Application.Common.Caching;
using Veza.Application.Common.Exceptions;
using Veza.Domain.AccountTokens;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Auth.Commands.ConfirmEmailChange;

public sealed class ConfirmEmailChangeCommandHandler(IUserRepository users, AccountTokenService tokens, IAuditTrail audit, IClock clock, CacheInvalidation invalidation)
    : IRequestHandler<ConfirmEmailChangeCommand, EmailAddressDto>
{
    public async Task<EmailAddressDto> Handle(ConfirmEmailChangeCommand request, CancellationToken cancellationToken)
    {
        var (token, user) = await tokens.RedeemForLiveUserAsync(AccountTokenPurpose.EmailChange, request.Token, "token", cancellationToken);
        if (token.Payload is not { } newEmail)
        {
            throw new InvalidAccountTokenException("token");
        }

        // Checked again now: another account may have taken the address since the link was sent (the
        // unique index still decides a race, also with 409). The token stays usable if so.
        if (EmailRules.Normalize(newEmail) != user.NormalizedEmail && await users.EmailTakenAsync(newEmail, cancellationToken))
        {
            throw new ConflictException("An account with this email already exists.", "email");
        }

        user.ChangeEmail(newEmail, clock.UtcNow);
        invalidation.Profiles(user.Id);
        audit.Record(AuditActions.EmailChange, AuditOutcomes.Success, user.Id);
        return new EmailAddressDto(user.Email, user.IsEmailVerified);
    }
}
