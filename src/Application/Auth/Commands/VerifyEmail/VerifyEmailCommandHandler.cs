using MediatR;
using Veza.Application.Auth.AccountTokens;
using Veza.Application.Common.Exceptions;
using Veza.Domain.AccountTokens;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Auth.Commands.VerifyEmail;

public sealed class VerifyEmailCommandHandler(IUserRepository users, AccountTokenService tokens, IAuditTrail audit, IClock clock)
    : IRequestHandler<VerifyEmailCommand, EmailAddressDto>
{
    public async Task<EmailAddressDto> Handle(VerifyEmailCommand request, CancellationToken cancellationToken)
    {
        var token = await tokens.RedeemAsync(AccountTokenPurpose.EmailVerification, request.Token, "token", cancellationToken);
        var user = await users.GetByIdAsync(token.UserId, cancellationToken);
        if (user is null || user.Status == AccountStatus.Deleted)
        {
            throw new InvalidAccountTokenException("token");
        }

        user.MarkEmailVerified(clock.UtcNow);
        audit.Record(AuditActions.EmailVerify, AuditOutcomes.Success, user.Id);
        return new EmailAddressDto(user.Email, user.IsEmailVerified);
    }
}
