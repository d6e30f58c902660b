using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Commands.MarkDirectMessagesRead;

/// <summary>The caller has read the user's messages up to <paramref name="LastReadMessageId"/>: they are marked read and the sender hears a <c>read</c> event.</summary>
[Authorize]
public sealed record MarkDirectMessagesReadCommand(Guid UserId, Guid LastReadMessageId) : ICommand<Unit>;

public sealed class MarkDirectMessagesReadCommandHandler(
    IDirectMessageRepository messages, IRealtimeNotifier realtime, RollbackActions actions, ICurrentUser caller, IClock clock)
    : IRequestHandler<MarkDirectMessagesReadCommand, Unit>
{
    public async Task<Unit> Handle(MarkDirectMessagesReadCommand request, CancellationToken cancellationToken)
    {
        var readerId = caller.UserId!.Value;
        if (await messages.MarkReadAsync(request.UserId, readerId, request.LastReadMessageId, clock.UtcNow, cancellationToken) > 0)
        {
            actions.AfterCommit(ct => realtime.NotifyUserAsync(request.UserId, ChatEvents.Read, new DirectReadEvent(readerId, request.LastReadMessageId), ct));
        }

        return Unit.Value;
    }
}
