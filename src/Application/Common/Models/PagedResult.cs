namespace Veza.Application.Common.Models;

/// <summary>The one pagination shape: page from 1, limit default 20 and at most 100 (validated by <see cref="PageRequestRules"/>).</summary>
public sealed record PageRequest(int Page = 1, int Limit = PageRequest.DefaultLimit)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>Deep enough for any real list, small enough that page × limit stays an int offset.</summary>
    public const int MaxPage = 1_000_000;

    /// <summary>From the query string: absent means the first page of the default size.</summary>
    public static PageRequest From(int? page, int? limit) => new(page ?? 1, limit ?? DefaultLimit);

    public int Offset => (Page - 1) * Limit;
}

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int Limit, long Total)
{
    public int TotalPages => Limit == 0 ? 0 : (int)((Total + Limit - 1) / Limit);
    public bool HasNext => Page < TotalPages;
    public bool HasPrev => Page > 1;
}

/// <summary>A query that returns one page; its <see cref="Paging"/> is checked by one shared rule.</summary>
public interface IPagedQuery
{
    PageRequest Paging { get; }
}
