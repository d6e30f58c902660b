using FluentValidation;
using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Commands.SetChatMemberRole;

/// <summary>The owner makes a member a moderator (role moderator) or a moderator a member again (role member).</summary>
[Authorize]
public sealed record SetChatMemberRoleCommand(Guid RoomId, Guid UserId, string Role) : ICommand<Unit>, IRetriedAfterConcurrentChange;

public sealed class SetChatMemberRoleCommandValidator : AbstractValidator<SetChatMemberRoleCommand>
{
    public SetChatMemberRoleCommandValidator() =>
        RuleFor(c => c.Role).Must(r => r is "moderator" or "member").WithMessage("role is moderator or member.");
}

public sealed class SetChatMemberRoleCommandHandler(IChatRoomRepository rooms, ICurrentUser caller, IClock clock) : IRequestHandler<SetChatMemberRoleCommand, Unit>
{
    public async Task<Unit> Handle(SetChatMemberRoleCommand request, CancellationToken cancellationToken)
    {
        var room = await ChatAccess.ReadableRoomAsync(rooms, caller, request.RoomId, cancellationToken);
        var role = ChatRoleNames.TryParse(request.Role, out var parsed) ? parsed : throw new InvalidOperationException("The validator lets only known roles through.");
        return room.SetRole(caller.UserId!.Value, request.UserId, role, clock.UtcNow) switch
        {
            ModerationOutcome.NotAllowed => throw new ForbiddenException("Only the room's owner changes roles."),
            ModerationOutcome.NotMember => throw new NotFoundException("This user is not a member of the room."),
            _ => Unit.Value,
        };
    }
}
