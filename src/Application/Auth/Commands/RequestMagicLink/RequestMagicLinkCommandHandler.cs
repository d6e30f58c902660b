using MediatR;
using Veza.Application.Common.Email;
using Veza.Domain.Auditing;

namespace Veza.Application.Auth.Commands.RequestMagicLink;

/// <remarks>A suspended or banned account is refused when the link is used, with the reason, as a password sign-in is.</remarks>
public sealed class RequestMagicLinkCommandHandler(AddressMailRequest mail) : IRequestHandler<RequestMagicLinkCommand, EmailRequestAcceptedDto>
{
    public const string ThrottleName = "magic-link";

    public Task<EmailRequestAcceptedDto> Handle(RequestMagicLinkCommand request, CancellationToken cancellationToken) =>
        mail.SendAsync(request.Email, AccountEmails.MagicLink, ThrottleName, AuditActions.MagicLinkRequest, cancellationToken);
}
