using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Users;
using Veza.Domain.Ports;

namespace Veza.Application.Tracks.Queries;

/// <summary>What every track list shares: the sort names on the wire and turning rows into what the caller sees.</summary>
public static class TrackListing
{
    public static readonly IReadOnlyList<string> SortNames = ["new", "popular", "plays"];

    public static bool TryParseSort(string? name, out TrackSort sort)
    {
        (var ok, sort) = name switch
        {
            null or "new" => (true, TrackSort.New),
            "popular" => (true, TrackSort.Popular),
            "plays" => (true, TrackSort.Plays),
            _ => (false, TrackSort.New),
        };
        return ok;
    }

    /// <summary>For a validated name: new when absent.</summary>
    public static TrackSort Sort(string? name) => TryParseSort(name, out var sort) ? sort : TrackSort.New;

    public static string? SearchTerm(string? text) => string.IsNullOrWhiteSpace(text) ? null : SearchText.Normalize(text);

    public static async Task<PagedResult<TrackDto>> PageAsync(ITrackCatalog catalog, TrackListFilter filter, PageRequest paging, ICurrentUser caller, CancellationToken cancellationToken)
    {
        var page = await catalog.ListAsync(filter, paging, cancellationToken);
        return new PagedResult<TrackDto>([.. page.Items.Select(t => TrackView.For(t, caller.UserId, caller.Role))], page.Page, page.Limit, page.Total);
    }
}
