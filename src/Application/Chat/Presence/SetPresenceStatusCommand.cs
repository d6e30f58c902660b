using FluentValidation;
using MediatR;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Presence;

/// <summary>
/// A connected user says they are away, or back (status away | online). A change is announced as
/// <c>presence</c> like coming online; going offline or reconnecting clears away. Not stored in the
/// database: not a transactional command. The hub's SetStatus sends it.
/// </summary>
[Authorize]
public sealed record SetPresenceStatusCommand(string Status) : IRequest<Unit>;

public sealed class SetPresenceStatusCommandValidator : AbstractValidator<SetPresenceStatusCommand>
{
    public SetPresenceStatusCommandValidator() =>
        RuleFor(c => c.Status).Must(s => s is PresenceAnnouncer.Online or PresenceAnnouncer.Away).WithName("status").WithMessage("status is online or away.");
}

public sealed class SetPresenceStatusCommandHandler(IPresenceTracker presence, PresenceAnnouncer announcer, ICurrentUser caller) : IRequestHandler<SetPresenceStatusCommand, Unit>
{
    public async Task<Unit> Handle(SetPresenceStatusCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        if (await presence.SetAwayAsync(userId, request.Status == PresenceAnnouncer.Away, cancellationToken))
        {
            await announcer.AnnounceAsync(userId, request.Status, cancellationToken);
        }

        return Unit.Value;
    }
}
