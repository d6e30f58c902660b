using Microsoft.EntityFrameworkCore;
using Veza.Application.Chat;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Radio;
using Veza.Application.Users;
using Veza.Domain.Playlists;
using Veza.Domain.Radio;
using Veza.Domain.Tracks;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Radio;

internal sealed class RadioReadModel(VezaDbContext db) : IRadioReadModel
{
    private IQueryable<Track> RadioTracks => db.Set<Track>().AsNoTracking()
        .Where(t => t.Status == TrackStatus.Ready && t.Visibility == TrackVisibility.Public && t.HiddenAt == null && t.AllowRadio && t.HasMp3128);

    public async Task<PagedResult<StationRow>> ListStationsAsync(Guid? viewerId, bool viewerIsAdmin, PageRequest paging, CancellationToken cancellationToken)
    {
        var stations = db.Set<Station>().AsNoTracking()
            .Where(s => s.Visibility == StationVisibility.Public || viewerIsAdmin || s.Members.Any(m => (Guid?)m.UserId == viewerId));
        var total = await stations.LongCountAsync(cancellationToken);
        var rows = await Project(stations.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Skip(paging.Offset).Take(paging.Limit), viewerId)
            .ToListAsync(cancellationToken);
        return new PagedResult<StationRow>(rows, paging.Page, paging.Limit, total);
    }

    public Task<StationRow?> FindStationAsync(Guid stationId, Guid? viewerId, CancellationToken cancellationToken) =>
        Project(db.Set<Station>().AsNoTracking().Where(s => s.Id == stationId), viewerId).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<StationMemberDto>> ListMembersAsync(Guid stationId, CancellationToken cancellationToken) =>
        await db.Set<StationMember>().AsNoTracking().Where(m => m.StationId == stationId)
            .OrderByDescending(m => m.Role).ThenBy(m => m.AddedAt)
            .Select(m => new StationMemberDto(new UserRefDto(m.UserId, db.Users.Where(u => u.Id == m.UserId).Select(u => u.Username).First()), m.Role == StationRole.Owner ? "owner" : "dj", m.AddedAt))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<QueuedRequestDto>> QueueAsync(Guid stationId, Guid? viewerId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<StationRequest>().AsNoTracking().Where(r => r.StationId == stationId && r.Status == StationRequestStatus.Pending)
            .Select(r => new
            {
                r.Id,
                r.Priority,
                r.CreatedAt,
                Votes = r.Votes.Count,
                Mine = r.Votes.Any(v => (Guid?)v.UserId == viewerId),
                r.RequestedBy,
                Requester = db.Users.Where(u => u.Id == r.RequestedBy).Select(u => u.Username).First(),
                Track = db.Set<Track>().Where(t => t.Id == r.TrackId)
                    .Select(t => new { t.Id, t.Title, t.CreditedArtist, Owner = db.Users.Where(u => u.Id == t.OwnerId).Select(u => u.Username).First(), t.Duration, t.ArtworkVersion })
                    .First(),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.Priority).ThenByDescending(r => r.Votes).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Select(r => new QueuedRequestDto(
                r.Id, ChatTrackDto.From(r.Track.Id, r.Track.Title, r.Track.CreditedArtist, r.Track.Owner, r.Track.Duration, r.Track.ArtworkVersion),
                new UserRefDto(r.RequestedBy, r.Requester), r.Votes, r.Mine, r.Priority, r.CreatedAt))];
    }

    public async Task<PagedResult<StationPlayDto>> HistoryAsync(Guid stationId, PageRequest paging, CancellationToken cancellationToken)
    {
        var plays = db.Set<StationPlayRow>().AsNoTracking().Where(p => p.StationId == stationId);
        var total = await plays.LongCountAsync(cancellationToken);
        var rows = await plays.OrderByDescending(p => p.StartedAt).ThenByDescending(p => p.Id).Skip(paging.Offset).Take(paging.Limit)
            .Select(p => new StationPlayDto(p.TrackId, p.Title, p.Artist, p.StartedAt, p.DurationSeconds, p.Listeners, p.RequestId))
            .ToListAsync(cancellationToken);
        return new PagedResult<StationPlayDto>(rows, paging.Page, paging.Limit, total);
    }

    public async Task<IReadOnlyList<Guid>> RotationAsync(Guid[] playlistIds, string[] tags, CancellationToken cancellationToken)
    {
        var fromPlaylists = db.Set<PlaylistEntry>().Where(e => playlistIds.Contains(e.PlaylistId)).Select(e => e.TrackId);
        return await RadioTracks
            .Where(t => fromPlaylists.Contains(t.Id) || EF.Property<string[]>(t, "_tags").Any(tag => tags.Contains(tag)))
            .Select(t => t.Id).Distinct().ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Guid>> RecentlyPlayedAsync(Guid stationId, int count, CancellationToken cancellationToken) =>
        await db.Set<StationPlayRow>().AsNoTracking().Where(p => p.StationId == stationId && p.TrackId != null)
            .OrderByDescending(p => p.StartedAt).ThenByDescending(p => p.Id).Take(count).Select(p => p.TrackId!.Value).ToListAsync(cancellationToken);

    public Task<RadioTrack?> PlayableAsync(Guid trackId, CancellationToken cancellationToken) =>
        RadioTracks.Where(t => t.Id == trackId)
            .Select(t => new RadioTrack(t.Id, t.Title, t.CreditedArtist ?? db.Users.Where(u => u.Id == t.OwnerId).Select(u => u.Username).First(), t.Duration, t.ArtworkVersion))
            .FirstOrDefaultAsync(cancellationToken);

    private IQueryable<StationRow> Project(IQueryable<Station> stations, Guid? viewerId) =>
        stations.Select(s => new StationRow(
            s.Id, s.Name, s.Slug, s.Description, s.Genre, s.Visibility, s.OwnerId,
            db.Users.Where(u => u.Id == s.OwnerId).Select(u => u.Username).First(),
            s.ChatRoomId, s.RotationPlaylistIds, s.RotationTags, s.NoRepeatWindow,
            s.Members.Where(m => (Guid?)m.UserId == viewerId).Select(m => (StationRole?)m.Role).FirstOrDefault(),
            s.CreatedAt));
}
