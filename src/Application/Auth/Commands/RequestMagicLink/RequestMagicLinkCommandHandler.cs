using MediatR;
using Veza.Application.Common.Email;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Auth.Commands.RequestMagicLink;

public sealed class RequestMagicLinkCommandHandler(IUserRepository users, AccountMailer mailer, AccountEmailThrottle throttle, IAuditTrail audit)
    : IRequestHandler<RequestMagicLinkCommand, EmailRequestAcceptedDto>
{
    public const string ThrottleName = "magic-link";

    public async Task<EmailRequestAcceptedDto> Handle(RequestMagicLinkCommand request, CancellationToken cancellationToken)
    {
        await throttle.EnsureAllowedForAddressAsync(ThrottleName, request.Email, cancellationToken);
        var user = await users.FindByLoginAsync(request.Email, cancellationToken);
        // A suspended or banned account is refused when the link is used, with the reason, as a password sign-in is.
        if (user is null || user.Status == AccountStatus.Deleted)
        {
            audit.Record(AuditActions.MagicLinkRequest, AuditOutcomes.Failure, null, "unknown address");
            return EmailRequestAcceptedDto.Instance;
        }

        mailer.Queue(user, AccountEmails.MagicLink);
        audit.Record(AuditActions.MagicLinkRequest, AuditOutcomes.Success, user.Id);
        return EmailRequestAcceptedDto.Instance;
    }
}
