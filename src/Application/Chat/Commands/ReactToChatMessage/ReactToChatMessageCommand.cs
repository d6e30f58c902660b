using FluentValidation;
using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Commands.ReactToChatMessage;

/// <summary>
/// A member adds (<paramref name="Add"/>) or removes their reaction with one emoji to a message of the room.
/// Both are idempotent: adding twice or removing what is not there changes nothing and answers the same.
/// A change is broadcast as <c>reaction</c> with the emoji's new count.
/// </summary>
[Authorize]
public sealed record ReactToChatMessageCommand(Guid MessageId, string Emoji, bool Add) : ICommand<ChatReactionDto>;

public sealed class ReactToChatMessageCommandValidator : AbstractValidator<ReactToChatMessageCommand>
{
    public ReactToChatMessageCommandValidator() =>
        RuleFor(c => c.Emoji).Must(ChatRules.IsEmoji).WithName("emoji").WithMessage("A reaction is a single emoji.");
}

public sealed class ReactToChatMessageCommandHandler(
    IChatRoomRepository rooms, IChatMessageRepository messages, IChatReadModel readModel,
    IRealtimeNotifier realtime, RollbackActions actions, ICurrentUser caller, IClock clock)
    : IRequestHandler<ReactToChatMessageCommand, ChatReactionDto>
{
    public async Task<ChatReactionDto> Handle(ReactToChatMessageCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        var (message, room) = await ChatAccess.ReadableMessageAsync(messages, rooms, caller, request.MessageId, cancellationToken);
        ChatAccess.EnsureMember(room, userId);
        if (message.IsDeleted)
        {
            throw new InvalidStateException("The message was deleted.", "message_id", "deleted");
        }

        if (request.Add && !room.MayPost(userId, clock.UtcNow))
        {
            throw new ForbiddenException("You are muted in this room.");
        }

        var changed = request.Add
            ? await messages.AddReactionAsync(ChatReaction.Add(message.Id, userId, request.Emoji, clock.UtcNow), cancellationToken)
            : await messages.RemoveReactionAsync(message.Id, userId, request.Emoji, cancellationToken);
        var count = await readModel.CountReactionsAsync(message.Id, request.Emoji, cancellationToken);
        if (changed)
        {
            var reaction = new ChatReactionEvent(message.Id, message.RoomId, userId, request.Emoji, count, request.Add);
            actions.AfterCommit(ct => realtime.NotifyRoomAsync(message.RoomId, ChatEvents.Reaction, reaction, ct));
        }

        return new ChatReactionDto(request.Emoji, count, request.Add);
    }
}
