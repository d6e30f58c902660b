using FluentValidation;
using MediatR;
using Veza.Application.Common.Caching;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;

namespace Veza.Application.Tags.Commands.RenameTag;

/// <summary>
/// Renames a tag on every item that carries it. A name another tag already has is 409: merging is a separate,
/// deliberate act (<see cref="MergeTag.MergeTagCommand"/>).
/// </summary>
[Authorize(Roles = "moderator,admin,super_admin")]
public sealed record RenameTagCommand(string Name, string NewName) : ICommand<TagDto>;

public sealed class RenameTagCommandValidator : AbstractValidator<RenameTagCommand>
{
    public RenameTagCommandValidator()
    {
        RuleFor(c => c.Name).MustBeATag("name");
        RuleFor(c => c.NewName).MustBeATag("name");
    }
}

public sealed class RenameTagCommandHandler(ITagDirectory tags, ITrackCatalog catalog, CacheInvalidation invalidation, IAuditTrail audit, IClock clock, ICurrentUser caller) : IRequestHandler<RenameTagCommand, TagDto>
{
    public async Task<TagDto> Handle(RenameTagCommand request, CancellationToken cancellationToken)
    {
        var from = TagNames.Normalize(request.Name);
        var to = TagNames.Normalize(request.NewName);
        var current = await tags.FindAsync(from, cancellationToken) ?? throw new NotFoundException("No item carries this tag.");
        if (from == to)
        {
            return current;
        }

        if (await tags.FindAsync(to, cancellationToken) is not null)
        {
            throw new ConflictException($"The tag \"{to}\" exists: merge into it instead.", "name");
        }

        invalidation.Tracks([.. await catalog.IdsTaggedAsync(from, cancellationToken)]);
        var renamed = await tags.MoveAsync(from, to, clock.UtcNow, cancellationToken);
        audit.Record(AuditActions.TagRename, AuditOutcomes.Success, caller.UserId, $"{from} -> {to} ({current.UsageCount} items)", AuditTargets.Tag(to));
        return renamed;
    }
}
