using MediatR;
using Veza.Application.Common.Models;
using Veza.Application.Tracks.Queries;
using Veza.Domain.Ports;

namespace Veza.Application.Tags.Queries.ListTags;

public sealed class ListTagsQueryHandler(ITagDirectory tags, ICurrentUser caller) : IRequestHandler<ListTagsQuery, PagedResult<TagDto>>
{
    public Task<PagedResult<TagDto>> Handle(ListTagsQuery request, CancellationToken cancellationToken) =>
        tags.ListAsync(TrackListing.SearchTerm(request.Q), request.Sort == "name" ? TagSort.Name : TagSort.Usage, request.Paging, caller.UserId, cancellationToken);
}
