using System.Text.Json;
using MediatR;
using Microsoft.Extensions.Options;
using Veza.Api.Http;
using Veza.Application.Common.Models;
using Veza.Application.Playlists.Commands.AddPlaylistTrack;
using Veza.Application.Playlists.Commands.CreatePlaylist;
using Veza.Application.Playlists.Commands.DeletePlaylist;
using Veza.Application.Playlists.Commands.RemovePlaylistTrack;
using Veza.Application.Playlists.Commands.ReorderPlaylistTracks;
using Veza.Application.Playlists.Commands.UpdatePlaylist;
using Veza.Application.Playlists.Queries.GetPlaylist;
using Veza.Application.Playlists.Queries.ListUserPlaylists;
using Veza.Domain.Playlists;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Veza.Api.Endpoints.Playlists;

/// <summary>Playlists (issue 9): anyone may read what they may see; changes are the owner's (deletion also an admin's).</summary>
public sealed class PlaylistEndpoints : IEndpointGroup
{
    private const string Visibility =
        "Visibility as for tracks: public (listed on the owner's profile), unlisted (anyone with the id, never listed for others), private (the owner and admins only; others get 404, as for a playlist that does not exist).";

    public void Map(IEndpointRouteBuilder app)
    {
        var playlists = app.MapGroup("/api/v1/playlists").WithTags("Playlists").RequireAuthorization();

        playlists.MapPost("", async (JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var playlist = await mediator.Send(StrictJson.Read<CreatePlaylistCommand>(body, json.Value.SerializerOptions), ct);
                return ApiResults.Created($"/api/v1/playlists/{playlist.Id}", playlist, "Playlist created.");
            })
            .Accepts<CreatePlaylistCommand>("application/json")
            .WithName("CreatePlaylist")
            .WithSummary("Create an empty playlist")
            .WithDescription($"title 1-{PlaylistRules.TitleMaxLength} characters (trimmed), description at most {PlaylistRules.DescriptionMaxLength} (several lines allowed), visibility public | unlisted | private (default public). Any other field is refused with 400 naming it. {Visibility}")
            .ProducesErrors(400, 401, 413, 415, 429);

        playlists.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new GetPlaylistQuery(id), ct)))
            .AllowAnonymous()
            .WithName("GetPlaylist")
            .WithSummary("A playlist with its tracks in order")
            .WithDescription($"Signed in or not. Each track: position (0-based), id, title, artist (the uploader's id and username), duration in seconds (null until processed), artwork_url (128 px; null without artwork), status, added_at. Only tracks the caller may see are listed: a track that became private or hidden is left out for everyone but its owner and admins, so positions may skip; track_count counts every entry. {Visibility}")
            .ProducesErrors(404, 429);

        playlists.MapPut("/{id:guid}", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var fields = StrictJson.Read<UpdatePlaylistBody>(body, json.Value.SerializerOptions);
                return ApiResults.Ok(await mediator.Send(new UpdatePlaylistCommand(id, fields.Title, fields.Description, fields.Visibility), ct), "Playlist updated.");
            })
            .Accepts<UpdatePlaylistBody>("application/json")
            .WithName("UpdatePlaylist")
            .WithSummary("Change a playlist's title, description or visibility (owner)")
            .WithDescription("Fields present are changed, the others kept; an empty description clears it. Any other field (owner_id, track_count...) is refused whole with 400 naming it. Someone else's playlist: 403 when the caller can see it, else 404.")
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 429);

        playlists.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new DeletePlaylistCommand(id), ct), "Playlist deleted."))
            .WithName("DeletePlaylist")
            .WithSummary("Delete a playlist (owner or admin)")
            .WithDescription("The tracks stay. An admin deleting someone else's playlist is recorded in the audit trail. Others: 403 when they can see the playlist, else 404.")
            .ProducesErrors(401, 403, 404, 409, 429);

        playlists.MapPost("/{id:guid}/tracks", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var fields = StrictJson.Read<AddPlaylistTrackBody>(body, json.Value.SerializerOptions);
                return ApiResults.Ok(await mediator.Send(new AddPlaylistTrackCommand(id, fields.TrackId, fields.Position), ct), "Track added.");
            })
            .Accepts<AddPlaylistTrackBody>("application/json")
            .WithName("AddPlaylistTrack")
            .WithSummary("Put a track into a playlist (owner)")
            .WithDescription($"position: 0-based place to insert at, the tracks from there move down by one; left out, the track goes last; past the end is 400. Answers the track ids in their new order. A track the caller cannot open (unknown, or someone else's private or hidden track) is 404, whoever asks. Tracks still processing may be added. Already in the playlist: 409. A playlist holds at most {PlaylistRules.MaxTracks} tracks: 422 INVALID_STATE when full.")
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 422, 429);

        playlists.MapDelete("/{id:guid}/tracks/{trackId:guid}", async (Guid id, Guid trackId, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new RemovePlaylistTrackCommand(id, trackId), ct), "Track removed."))
            .WithName("RemovePlaylistTrack")
            .WithSummary("Take a track out of a playlist (owner)")
            .WithDescription("The tracks after it move up by one. A track not in the playlist: 404. Answers the track ids in their new order.")
            .ProducesErrors(401, 403, 404, 409, 429);

        playlists.MapPut("/{id:guid}/tracks", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var fields = StrictJson.Read<ReorderPlaylistTracksBody>(body, json.Value.SerializerOptions);
                return ApiResults.Ok(await mediator.Send(new ReorderPlaylistTracksCommand(id, fields.TrackIds!), ct), "Playlist reordered.");
            })
            .Accepts<ReorderPlaylistTracksBody>("application/json")
            .WithName("ReorderPlaylistTracks")
            .WithSummary("Put a playlist's tracks in a new order (owner)")
            .WithDescription("track_ids: every track of the playlist, each once, in the new order; anything else (a missing, extra, unknown or repeated id) is 400 on track_ids and changes nothing.")
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 429);

        app.MapGroup("/api/v1/users").WithTags("Playlists")
            .MapGet("/{id:guid}/playlists", async (Guid id, int? page, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new ListUserPlaylistsQuery(id, PageRequest.From(page, limit)), ct)))
            .AllowAnonymous()
            .WithName("ListUserPlaylists")
            .WithSummary("A user's playlists, newest first")
            .WithDescription("Signed in or not. All of them for the user; for anyone else (admins included) only the public ones: unlisted and private playlists are never listed for others. Unknown or deleted user: 404. A private profile, or one whose owner blocks the caller: 403 (its lists are the owner's and admins' only). Paged (page from 1, limit 1-100, default 20).")
            .ProducesErrors(400, 403, 404, 429);
    }
}

/// <summary>The fields PUT /playlists/{id} may change.</summary>
public sealed record UpdatePlaylistBody(string? Title = null, string? Description = null, string? Visibility = null);

public sealed record AddPlaylistTrackBody(Guid TrackId, int? Position = null);

public sealed record ReorderPlaylistTracksBody(IReadOnlyList<Guid>? TrackIds = null);
