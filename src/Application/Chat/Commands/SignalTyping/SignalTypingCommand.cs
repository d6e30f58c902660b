using FluentValidation;
using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Security;
using Veza.Domain.Chat;
using Veza.Domain.Ports;
using Veza.Domain.Social;

namespace Veza.Application.Chat.Commands.SignalTyping;

/// <summary>
/// The caller is typing in a room (as a member) or to a user: a <c>typing</c> event to the room or to that
/// user, never stored (so not a transactional command), and at most one every two seconds per target,
/// the extra ones dropped quietly.
/// </summary>
[Authorize]
public sealed record SignalTypingCommand(Guid? RoomId, Guid? UserId) : IRequest<Unit>;

/// <summary>The <c>typing</c> event: who, and in which room (null in a direct conversation).</summary>
public sealed record TypingEvent(Guid? RoomId, Guid UserId, string? Username);

public sealed class SignalTypingCommandValidator : AbstractValidator<SignalTypingCommand>
{
    public SignalTypingCommandValidator() =>
        RuleFor(c => c.RoomId).Must((c, room) => (room is null) != (c.UserId is null)).WithMessage("Give room_id or user_id.");
}

public sealed class SignalTypingCommandHandler(IChatRoomRepository rooms, IBlockRepository blocks, IRateLimiter limiter, IRealtimeNotifier realtime, ICurrentUser caller)
    : IRequestHandler<SignalTypingCommand, Unit>
{
    public static readonly RateLimitRule Throttle = new(1, TimeSpan.FromSeconds(2));

    public async Task<Unit> Handle(SignalTypingCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        if (request.RoomId is { } roomId)
        {
            var room = await ChatAccess.ReadableRoomAsync(rooms, caller, roomId, cancellationToken);
            ChatAccess.EnsureMember(room, userId);
        }
        else if (await blocks.IsBlockedAsync(userId, request.UserId!.Value, cancellationToken))
        {
            throw new DirectMessageRefusedException("You cannot message this user.");
        }

        var target = request.RoomId is { } room2 ? $"room:{room2}" : $"user:{request.UserId}";
        if ((await limiter.AcquireAsync($"chat:typing:{userId}:{target}", Throttle, cancellationToken)).Allowed)
        {
            var typing = new TypingEvent(request.RoomId, userId, caller.Username);
            await (request.RoomId is { } id
                ? realtime.NotifyRoomAsync(id, ChatEvents.Typing, typing, cancellationToken)
                : realtime.NotifyUserAsync(request.UserId!.Value, ChatEvents.Typing, typing, cancellationToken));
        }

        return Unit.Value;
    }
}
