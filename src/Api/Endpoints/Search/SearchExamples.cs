using Veza.Api.OpenApi;
using Veza.Application.Search;

namespace Veza.Api.Endpoints.Search;

public sealed class SearchExamples : IOpenApiExamples
{
    private static readonly SearchHitDto Track = new(Guid.Parse("0193a5c8-0001-7a00-9b00-0000000000a1"), "Neon Highway", "<mark>Neon</mark> Highway Slow synthwave for empty roads", 1.2731);

    public void AddTo(ExampleTable examples) => examples
        .Add(Track)
        .Add(new SearchResultsDto("neon", new Dictionary<string, IReadOnlyList<SearchHitDto>>
        {
            ["tracks"] = [Track],
            ["users"] = [new SearchHitDto(Guid.Parse("0193a5b2-7c1e-7d3a-9f10-2b3c4d5e6f70"), "neon_nights Neon Nights", "<mark>Neon</mark> Nights makes synthwave in Lyon", 0.9442)],
        }))
        .Add(new SearchSuggestionDto("Neon Highway", "tracks", Track.Id))
        .Add(new SearchAnalyticsDto(7, [new SearchQueryCountDto("synthwave", 412, 18.4)], [new SearchQueryCountDto("vaporwave tape", 9, 0)]));
}
