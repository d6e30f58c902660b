using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Chat;
using Veza.Domain.Ports;
using Veza.Domain.Social;
using Veza.Domain.Users;

namespace Veza.Application.Chat.Commands.SendDirectMessage;

public sealed class SendDirectMessageCommandHandler(
    IDirectMessageRepository messages, IChatReadModel readModel, IUserDirectory directory, IUserPreferencesRepository preferences, IBlockRepository blocks,
    IUnitOfWork unitOfWork, ChatSendingLimiter limiter, IRealtimeNotifier realtime, RollbackActions actions, ICurrentUser caller, IClock clock)
    : IRequestHandler<SendDirectMessageCommand, DirectMessageDto>
{
    public async Task<DirectMessageDto> Handle(SendDirectMessageCommand request, CancellationToken cancellationToken)
    {
        var senderId = caller.UserId!.Value;
        if (request.UserId == senderId)
        {
            throw new RequestValidationException([new FieldError("user_id", "A direct message goes to someone else.")]);
        }

        var recipient = await directory.FindProfileAsync(request.UserId, senderId, cancellationToken);
        if (recipient is null || recipient.Status == AccountStatus.Deleted)
        {
            throw new NotFoundException("No such user.");
        }

        if (await blocks.IsBlockedAsync(senderId, request.UserId, cancellationToken))
        {
            throw new DirectMessageRefusedException("You cannot message this user.");
        }

        var policy = ((await preferences.FindAsync(request.UserId, cancellationToken))?.Values ?? PreferenceSet.Default).Privacy.DirectMessages;
        // The sender as the recipient sees them: whether the recipient follows the sender.
        var recipientFollowsSender = policy == DirectMessagePolicy.Following
            && (await directory.FindProfileAsync(senderId, request.UserId, cancellationToken))?.ViewerFollows == true;
        if (!DirectMessage.Accepts(policy, recipientFollowsSender))
        {
            throw new DirectMessageRefusedException(policy == DirectMessagePolicy.Nobody
                ? "This user does not take direct messages."
                : "This user takes direct messages only from people they follow.");
        }

        if (await messages.FindByClientIdAsync(senderId, request.ClientMessageId, cancellationToken) is { } sent)
        {
            return (await readModel.FindDirectMessageAsync(sent.Id, cancellationToken))!;
        }

        await limiter.AcquireAsync(senderId, cancellationToken);
        var message = DirectMessage.Send(senderId, request.UserId, request.Content, request.ClientMessageId, clock.UtcNow);
        messages.Add(message);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        var dto = (await readModel.FindDirectMessageAsync(message.Id, cancellationToken))!;
        actions.AfterCommit(async ct =>
        {
            await realtime.NotifyUserAsync(request.UserId, ChatEvents.DirectMessage, dto, ct);
            await realtime.NotifyUserAsync(senderId, ChatEvents.DirectMessage, dto, ct);
        });
        return dto;
    }
}
