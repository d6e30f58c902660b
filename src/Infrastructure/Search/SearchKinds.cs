using Veza.Application.Search;

namespace Veza.Infrastructure.Search;

/// <summary>
/// One searchable kind as SQL fragments over its table (aliased <c>x</c>), composed by <see cref="PostgresSearchIndex"/>:
/// a new kind is one more of these. <see cref="Visible"/> decides, inside the query, what the viewer (<c>@viewer</c>,
/// null when anonymous) may see; its table carries a generated <c>search_vector</c> (0028_search.sql) and a
/// trigram index on <c>veza_fold(</c><see cref="Title"/><c>)</c>.
/// </summary>
/// <param name="Created">When it appeared (advanced search's from, to and sort=new).</param>
/// <param name="Owner">Who it belongs to (advanced search's user_id), or null when nobody does.</param>
/// <param name="TagCount">The kind's count column in <c>tags</c> when its rows carry tags (a <c>tags</c> array), else null.</param>
public sealed record SearchKindSql(
    SearchKind Kind, string Table, string Title, string Document, string Popularity, string Visible, string Created = "x.created_at", string? Owner = "x.owner_id",
    string? TagCount = null);

/// <summary>The kinds there are today. Popularity is a count the log of which nudges the rank (<see cref="SearchWeights.Popularity"/>).</summary>
public static class SearchKinds
{
    /// <summary>Public, ready, not hidden tracks, except those of someone who blocked the viewer.</summary>
    public static readonly SearchKindSql Tracks = new SearchKindSql(
        SearchKind.Tracks, "tracks", "x.title", "x.title || ' ' || coalesce(x.description, '')", "x.play_count + 2 * x.like_count",
        "x.visibility = 'public' AND x.status = 'ready' AND x.hidden_at IS NULL AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = x.owner_id AND b.blocked_id = @viewer)",
        TagCount: "track_count");

    /// <summary>Accounts not deleted, whose profile is not private and who did not block the viewer.</summary>
    public static readonly SearchKindSql Users = new SearchKindSql(
        SearchKind.Users, "users", "x.username || ' ' || coalesce(x.display_name, '')", "coalesce(x.display_name, x.username) || ' ' || coalesce(x.bio, '')",
        "(SELECT count(*) FROM follows f WHERE f.followee_id = x.id)",
        "x.status <> 'deleted' AND coalesce((SELECT p.preferences -> 'privacy' ->> 'profile' FROM user_preferences p WHERE p.user_id = x.id), 'public') <> 'private' " +
        "AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = x.id AND b.blocked_id = @viewer)", Owner: null);

    public static readonly SearchKindSql Playlists = new SearchKindSql(
        SearchKind.Playlists, "playlists", "x.title", "x.title || ' ' || coalesce(x.description, '')", "x.track_count", "x.visibility = 'public'");

    /// <summary>Listings on the market: active and not hidden (drafts, hidden, reserved and past ones never).</summary>
    public static readonly SearchKindSql Listings = new SearchKindSql(
        SearchKind.Listings, "listings", "x.title", "x.title || ' ' || coalesce(x.description, '')", "(SELECT count(*) FROM listing_watches w WHERE w.listing_id = x.id)",
        "x.status = 'active' AND x.hidden_at IS NULL", Created: "x.published_at", Owner: "x.seller_id", TagCount: "listing_count");

    public static readonly SearchKindSql Products = new SearchKindSql(
        SearchKind.Products, "products", "x.name", "x.name || ' ' || x.brand || ' ' || coalesce(x.model, '') || ' ' || coalesce(x.description, '')",
        "(SELECT count(*) FROM user_products g WHERE g.product_id = x.id)", "x.status = 'active'", Owner: null);

    /// <summary>Public rooms, and private ones the viewer is a member of.</summary>
    public static readonly SearchKindSql Rooms = new SearchKindSql(
        SearchKind.Rooms, "chat_rooms", "x.name", "x.name || ' ' || coalesce(x.description, '')", "(SELECT count(*) FROM chat_members m WHERE m.room_id = x.id)",
        "(NOT x.is_private OR EXISTS (SELECT 1 FROM chat_members m WHERE m.room_id = x.id AND m.user_id = @viewer))");

    /// <summary>
    /// Shared resources, for signed-in viewers only (public means every signed-in user): their own, public ones and
    /// shared ones granted to them; never hidden ones (but to their owner), nor those of someone who blocked them.
    /// </summary>
    public static readonly SearchKindSql Resources = new SearchKindSql(
        SearchKind.Resources, "shared_resources", "x.title", "x.title || ' ' || coalesce(x.description, '')",
        "(SELECT count(*) FROM shared_resource_downloads d WHERE d.resource_id = x.id)",
        "(x.owner_id = @viewer OR (x.hidden_at IS NULL AND @viewer IS NOT NULL " +
        "AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = x.owner_id AND b.blocked_id = @viewer) " +
        "AND (x.visibility = 'public' OR (x.visibility = 'shared' " +
        "AND EXISTS (SELECT 1 FROM shared_resource_permissions p WHERE p.resource_id = x.id AND p.user_id = @viewer)))))",
        TagCount: "resource_count");

    public static readonly IReadOnlyDictionary<SearchKind, SearchKindSql> All = new[] { Tracks, Users, Playlists, Listings, Products, Rooms, Resources }.ToDictionary(k => k.Kind);

    /// <summary>The kinds whose rows carry tags: a kind that gains tags is one more <see cref="SearchKindSql.TagCount"/>.</summary>
    public static readonly IReadOnlyList<SearchKindSql> Tagged = [.. All.Values.Where(k => k.TagCount is not null)];

    /// <summary>
    /// True when something <c>@viewer</c> may see, or owns, carries the tag <paramref name="tag"/> (an SQL expression): a
    /// tag is shown only then, as its name alone could tell of someone else's private items.
    /// </summary>
    public static string CarriedVisibly(string tag) =>
        "(" + string.Join(" OR ", Tagged.Select(k => $"EXISTS (SELECT 1 FROM {k.Table} x WHERE x.tags @> ARRAY[{tag}]::text[] AND ({k.Owner} = @viewer OR ({k.Visible})))")) + ")";
}
