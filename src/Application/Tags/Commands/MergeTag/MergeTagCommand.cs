using FluentValidation;
using MediatR;
using Veza.Application.Common.Caching;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;

namespace Veza.Application.Tags.Commands.MergeTag;

/// <summary>Every item carrying <see cref="Name"/> carries <see cref="Into"/> instead (once); <see cref="Name"/> is gone and the counts recounted.</summary>
[Authorize(Roles = "moderator,admin,super_admin")]
public sealed record MergeTagCommand(string Name, string Into) : ICommand<TagDto>;

public sealed class MergeTagCommandValidator : AbstractValidator<MergeTagCommand>
{
    public MergeTagCommandValidator()
    {
        RuleFor(c => c.Name).MustBeATag("name");
        RuleFor(c => c.Into).MustBeATag("into");
        RuleFor(c => c.Into).Must((c, into) => TagNames.Normalize(into) != TagNames.Normalize(c.Name))
            .When(c => TagNames.IsValid(c.Name) && TagNames.IsValid(c.Into)).WithMessage("into is another tag than the one merged.");
    }
}

public sealed class MergeTagCommandHandler(ITagDirectory tags, ITrackCatalog catalog, CacheInvalidation invalidation, IAuditTrail audit, IClock clock, ICurrentUser caller) : IRequestHandler<MergeTagCommand, TagDto>
{
    public async Task<TagDto> Handle(MergeTagCommand request, CancellationToken cancellationToken)
    {
        var from = TagNames.Normalize(request.Name);
        var into = TagNames.Normalize(request.Into);
        var merged = await tags.FindAsync(from, cancellationToken) ?? throw new NotFoundException("No item carries this tag.");
        _ = await tags.FindAsync(into, cancellationToken) ?? throw new NotFoundException($"No item carries the tag \"{into}\" to merge into.");

        // Read before the rewrite, which leaves no trace of which tracks carried the tag: their cached metadata lists it.
        invalidation.Tracks([.. await catalog.IdsTaggedAsync(from, cancellationToken)]);
        var result = await tags.MoveAsync(from, into, clock.UtcNow, cancellationToken);
        audit.Record(AuditActions.TagMerge, AuditOutcomes.Success, caller.UserId, $"{from} -> {into} ({merged.UsageCount} items)", AuditTargets.Tag(into));
        return result;
    }
}
