using MediatR;
using Veza.Application.Users;
using Veza.Domain.Ports;

namespace Veza.Application.Tags.Queries.SearchTags;

public sealed class SearchTagsQueryHandler(ITagDirectory tags, ICurrentUser caller) : IRequestHandler<SearchTagsQuery, IReadOnlyList<TagDto>>
{
    public Task<IReadOnlyList<TagDto>> Handle(SearchTagsQuery request, CancellationToken cancellationToken) =>
        tags.StartingWithAsync(SearchText.Normalize(request.Q), request.Limit, caller.UserId, cancellationToken);
}
