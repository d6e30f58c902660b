using FluentValidation;
using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;

namespace Veza.Application.Tags.Queries.GetTag;

/// <summary>A tag's counts and the newest tracks, listings and shared resources carrying it that the caller may see; 404 when the caller may see none.</summary>
[Authorize]
public sealed record GetTagQuery(string Name) : IQuery<TagDetailsDto>
{
    public const int ItemsPerKind = 10;
}

public sealed class GetTagQueryValidator : AbstractValidator<GetTagQuery>
{
    public GetTagQueryValidator() => RuleFor(q => q.Name).MustBeATag("name");
}

public sealed class GetTagQueryHandler(ITagDirectory tags, ICurrentUser caller) : IRequestHandler<GetTagQuery, TagDetailsDto>
{
    public async Task<TagDetailsDto> Handle(GetTagQuery request, CancellationToken cancellationToken) =>
        await tags.DetailsAsync(TagNames.Normalize(request.Name), GetTagQuery.ItemsPerKind, caller.UserId, cancellationToken)
        ?? throw new NotFoundException("No item carries this tag.");
}
