using MediatR;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Tracks.Queries;

namespace Veza.Application.Tags.Queries.ListTags;

public sealed class ListTagsQueryHandler(ITrackCatalog catalog) : IRequestHandler<ListTagsQuery, PagedResult<TagDto>>
{
    public Task<PagedResult<TagDto>> Handle(ListTagsQuery request, CancellationToken cancellationToken) =>
        catalog.ListTagsAsync(TrackListing.SearchTerm(request.Q), request.Sort == "name" ? TagSort.Name : TagSort.Usage, request.Paging, cancellationToken);
}
