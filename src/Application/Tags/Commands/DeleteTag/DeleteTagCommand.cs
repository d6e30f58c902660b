using FluentValidation;
using MediatR;
using Veza.Application.Common.Caching;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;

namespace Veza.Application.Tags.Commands.DeleteTag;

/// <summary>Takes a tag off every item that carries it (the items stay) and removes it.</summary>
[Authorize(Roles = "moderator,admin,super_admin")]
public sealed record DeleteTagCommand(string Name) : ICommand<Unit>;

public sealed class DeleteTagCommandValidator : AbstractValidator<DeleteTagCommand>
{
    public DeleteTagCommandValidator() => RuleFor(c => c.Name).MustBeATag("name");
}

public sealed class DeleteTagCommandHandler(ITagDirectory tags, ITrackCatalog catalog, CacheInvalidation invalidation, IAuditTrail audit, ICurrentUser caller) : IRequestHandler<DeleteTagCommand, Unit>
{
    public async Task<Unit> Handle(DeleteTagCommand request, CancellationToken cancellationToken)
    {
        var name = TagNames.Normalize(request.Name);
        var tag = await tags.FindAsync(name, cancellationToken) ?? throw new NotFoundException("No item carries this tag.");
        invalidation.Tracks([.. await catalog.IdsTaggedAsync(name, cancellationToken)]);
        await tags.RemoveAsync(name, cancellationToken);
        audit.Record(AuditActions.TagDelete, AuditOutcomes.Success, caller.UserId, $"{name} ({tag.UsageCount} items)", AuditTargets.Tag(name));
        return Unit.Value;
    }
}
