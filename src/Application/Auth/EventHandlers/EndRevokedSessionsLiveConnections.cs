using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Messaging;
using Veza.Domain.Ports;
using Veza.Domain.Sessions;

namespace Veza.Application.Auth.EventHandlers;

/// <summary>
/// Once a revocation is committed, the session's live connections (the chat hub) are told to close: the
/// realtime adapter sends them an <c>error</c> event and drops them; it is never forwarded as an event.
/// </summary>
public sealed class EndRevokedSessionsLiveConnections(IRealtimeNotifier realtime, RollbackActions actions) : INotificationHandler<DomainEventNotification<SessionRevoked>>
{
    public const string Signal = "session_revoked";

    public Task Handle(DomainEventNotification<SessionRevoked> notification, CancellationToken cancellationToken)
    {
        var revoked = notification.DomainEvent;
        actions.AfterCommit(ct => realtime.NotifyUserAsync(revoked.UserId, Signal, new SessionRevokedSignal(revoked.SessionId, revoked.Reason), ct));
        return Task.CompletedTask;
    }
}

/// <summary>What the realtime adapter needs to close a revoked session's connections.</summary>
public sealed record SessionRevokedSignal(Guid SessionId, string Reason);
