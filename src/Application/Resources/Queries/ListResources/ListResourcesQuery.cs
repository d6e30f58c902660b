using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.Security;
using Veza.Application.Playlists;
using Veza.Application.Users;
using Veza.Domain.Common;
using Veza.Domain.Ports;
using Veza.Domain.Resources;
using Veza.Application.Tags;

namespace Veza.Application.Resources.Queries.ListResources;

/// <summary>
/// Resources the caller may view, filtered (q in the title or description, kind, tag, owner) and sorted (new, the
/// default, or downloads). <see cref="SharedWithMe"/>: only those others shared with the caller by a grant.
/// </summary>
[Authorize]
public sealed record ListResourcesQuery(
    PageRequest Paging, string? Q = null, string? Kind = null, string? Tag = null, Guid? UserId = null, string? Sort = null, bool SharedWithMe = false)
    : IQuery<PagedResult<SharedResourceDto>>, IPagedQuery;

public sealed class ListResourcesQueryValidator : AbstractValidator<ListResourcesQuery>
{
    public ListResourcesQueryValidator()
    {
        RuleFor(q => q.Kind).ResourceKindName();
        RuleFor(q => q.Sort).Must(s => s is null || WireNames.TryParse<ResourceSort>(s, out _)).WithMessage($"sort is one of: {string.Join(", ", WireNames.All<ResourceSort>())}.");
        RuleFor(q => q.Q).MaximumLength(SearchText.MaxLength).WithMessage($"q is at most {SearchText.MaxLength} characters.");
        RuleFor(q => q.Tag!).MustBeATag("tag").When(q => q.Tag is not null);
    }
}

public sealed class ListResourcesQueryHandler(IResourceReadModel readModel, ICurrentUser caller) : IRequestHandler<ListResourcesQuery, PagedResult<SharedResourceDto>>
{
    public Task<PagedResult<SharedResourceDto>> Handle(ListResourcesQuery request, CancellationToken cancellationToken) =>
        readModel.ListAsync(
            new ResourceListFilter(
                caller.UserId!.Value,
                caller.IsAdmin(),
                string.IsNullOrWhiteSpace(request.Q) ? null : SearchText.Normalize(request.Q),
                request.Kind is null ? null : WireNames.Parse<ResourceKind>(request.Kind),
                request.Tag is null ? null : TagNames.Normalize(request.Tag),
                request.UserId,
                request.Sort is null ? ResourceSort.New : WireNames.Parse<ResourceSort>(request.Sort),
                request.SharedWithMe),
            request.Paging,
            cancellationToken);
}
