using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Tags.Queries.SearchTags;

/// <summary>Typeahead: tags in use starting with <see cref="Q"/> (case-insensitive), most used first, at most <see cref="Limit"/>.</summary>
[Authorize]
public sealed record SearchTagsQuery(string Q, int Limit = SearchTagsQuery.DefaultLimit) : IQuery<IReadOnlyList<TagDto>>
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 50;
}
