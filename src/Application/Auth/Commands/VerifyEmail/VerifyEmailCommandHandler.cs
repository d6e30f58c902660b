using MediatR;
using Veza.Application.Auth.AccountTokens;
using Veza.Application.Common.Exceptions;
using Veza.Domain.AccountTokens;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Auth.Commands.VerifyEmail;

public sealed class VerifyEmailCommandHandler(AccountTokenService tokens, IAuditTrail audit, IClock clock)
    : IRequestHandler<VerifyEmailCommand, EmailAddressDto>
{
    public async Task<EmailAddressDto> Handle(VerifyEmailCommand request, CancellationToken cancellationToken)
    {
        var (_, user) = await tokens.RedeemForLiveUserAsync(AccountTokenPurpose.EmailVerification, request.Token, "token", cancellationToken);

        user.MarkEmailVerified(clock.UtcNow);
        audit.Record(AuditActions.EmailVerify, AuditOutcomes.Success, user.Id);
        return new EmailAddressDto(user.Email, user.IsEmailVerified);
    }
}
