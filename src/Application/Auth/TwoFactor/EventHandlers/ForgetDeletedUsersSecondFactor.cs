using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Domain.Mfa;
using Veza.Domain.Users;

namespace Veza.Application.Auth.TwoFactor.EventHandlers;

/// <summary>A deleted account keeps no second factor: its secret and recovery codes go in the deletion's own transaction.</summary>
public sealed class ForgetDeletedUsersSecondFactor(IMfaEnrolmentRepository enrolments) : INotificationHandler<DomainEventNotification<UserDeleted>>
{
    public async Task Handle(DomainEventNotification<UserDeleted> notification, CancellationToken cancellationToken)
    {
        if (await enrolments.HoldAsync(notification.DomainEvent.UserId, cancellationToken) is { } enrolment)
        {
            enrolments.Remove(enrolment);
        }
    }
}
