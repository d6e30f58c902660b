using FluentValidation;
using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Commands.ModerateChatMember;

/// <summary>
/// A room moderator (or the owner) mutes a member for <paramref name="Minutes"/>, kicks them (they may
/// rejoin) or bans them (they may not). Only on someone below their own role: else 403.
/// </summary>
[Authorize]
public sealed record ModerateChatMemberCommand(Guid RoomId, Guid UserId, ModerationAction Action, int? Minutes = null) : ICommand<Unit>, IRetriedAfterConcurrentChange;

public sealed class ModerateChatMemberCommandValidator : AbstractValidator<ModerateChatMemberCommand>
{
    public const int MaxMuteMinutes = 7 * 24 * 60;

    public ModerateChatMemberCommandValidator() =>
        RuleFor(c => c.Minutes).NotNull().InclusiveBetween(1, MaxMuteMinutes).When(c => c.Action == ModerationAction.Mute)
            .WithMessage($"minutes is 1 to {MaxMuteMinutes} (a week).");
}

public sealed class ModerateChatMemberCommandHandler(IChatRoomRepository rooms, IRealtimeNotifier realtime, RollbackActions actions, ICurrentUser caller, IClock clock)
    : IRequestHandler<ModerateChatMemberCommand, Unit>
{
    public async Task<Unit> Handle(ModerateChatMemberCommand request, CancellationToken cancellationToken)
    {
        var room = await ChatAccess.ReadableRoomAsync(rooms, caller, request.RoomId, cancellationToken);
        var now = clock.UtcNow;
        var wasMember = room.MemberOf(request.UserId) is not null;
        switch (room.Moderate(caller.UserId!.Value, request.UserId, request.Action, now, now.AddMinutes(request.Minutes ?? 0)))
        {
            case ModerationOutcome.NotAllowed:
                throw new ForbiddenException("Only a room moderator acts on a member below their role.");
            case ModerationOutcome.NotMember:
                throw new NotFoundException("This user is not a member of the room.");
        }

        if (wasMember && request.Action != ModerationAction.Mute)
        {
            actions.AfterCommit(ct => realtime.NotifyRoomAsync(room.Id, ChatEvents.Left, new ChatMembershipEvent(room.Id, request.UserId), ct));
        }

        return Unit.Value;
    }
}
