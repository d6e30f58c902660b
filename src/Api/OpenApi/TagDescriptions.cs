using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Veza.Api.OpenApi;

/// <summary>
/// One line per tag (the group names endpoints declare with WithTags), listed in the document's tag section
/// in this order. A tag used by an endpoint and missing here fails the document's lint (tag-description).
/// </summary>
public sealed class TagDescriptions : IDocumentFilter
{
    private static readonly (string Name, string Description)[] Tags =
    [
        ("Auth", "Registration, sign-in (password, magic link, OAuth), tokens and their refresh, email verification and password reset."),
        ("Two-factor authentication", "TOTP enrolment, confirmation, recovery codes and the second sign-in step."),
        ("Sessions", "The caller's signed-in devices: list them, revoke one or all others."),
        ("Users", "Profiles, privacy, preferences and account settings."),
        ("Avatars", "Profile pictures: upload, re-encoded without metadata, and served."),
        ("Follows and blocks", "Following users, followers, and blocking."),
        ("Tracks", "The audio library: streamed upload, processing, metadata, likes and artwork."),
        ("Playlists", "Ordered lists of tracks, public or private, with collaborators."),
        ("Streaming", "Signed track bytes (HTTP Range), HLS, play counting and listening history."),
        ("Chat", "Rooms, direct messages, history, reactions, pins and moderation (live events on /hubs/chat)."),
        ("Notifications", "Stored notifications (mentions, replies, offers) and their read state."),
        ("Radio", "Community stations: auto-DJ, requests and votes, live DJs, now playing and the live streams."),
        ("Listings", "Marketplace listings: drafts, publication, pictures and browsing."),
        ("Offers", "Offers on listings: make, counter, accept, decline, withdraw."),
        ("Transactions", "Accepted offers carried to completion, and the ratings that follow."),
        ("Categories", "The marketplace's category tree."),
        ("Catalog", "The gear product catalog: brands, products and their documents."),
        ("My gear", "Gear a user owns: items, warranties and attached files."),
        ("Files", "Files attached to owned gear."),
        ("Shared resources", "Samples, presets, stems, projects and documents shared with versions, grants and counted downloads."),
        ("Search", "Search across every kind: full text, filters, autocomplete."),
        ("Tags", "Tags on tracks and resources, with trends."),
        ("Reports", "Reporting users, content and listings to the moderators."),
        ("Admin", "Administration: users, roles, suspensions and bans, audit, analytics and runtime settings."),
        ("Admin: catalog", "Administration of the gear catalog."),
        ("Admin: categories", "Administration of the marketplace categories."),
        ("Admin: reports", "The moderators' queue of reports and their resolution."),
        ("Admin: search", "Search analytics and index maintenance."),
        ("Admin: tags", "Tag moderation: merge, rename, hide."),
        ("Ops", "Liveness, readiness and metrics."),
    ];

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var used = swaggerDoc.Tags?.Select(tag => tag.Name).ToHashSet() ?? [];
        swaggerDoc.Tags = new HashSet<OpenApiTag>(
            Tags.Where(tag => used.Contains(tag.Name)).Select(tag => new OpenApiTag { Name = tag.Name, Description = tag.Description })
                .Concat(swaggerDoc.Tags?.Where(tag => !Tags.Any(known => known.Name == tag.Name)) ?? []));
    }
}
