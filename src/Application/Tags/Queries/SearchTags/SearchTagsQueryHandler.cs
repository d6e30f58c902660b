using MediatR;
using Veza.Application.Common.ReadModels;
using Veza.Application.Users;

namespace Veza.Application.Tags.Queries.SearchTags;

public sealed class SearchTagsQueryHandler(ITrackCatalog catalog) : IRequestHandler<SearchTagsQuery, IReadOnlyList<TagDto>>
{
    public Task<IReadOnlyList<TagDto>> Handle(SearchTagsQuery request, CancellationToken cancellationToken) =>
        catalog.SearchTagsAsync(SearchText.Normalize(request.Q), request.Limit, cancellationToken);
}
