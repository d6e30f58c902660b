using Veza.Domain.Common;
using Veza.Domain.Tracks;

namespace Veza.Domain.Playlists;

/// <summary>
/// An ordered list of tracks someone put together. It holds at most <see cref="PlaylistRules.MaxTracks"/>
/// tracks, each once, at positions 0..n-1 with no gap: every change (insert, removal, reorder) renumbers
/// the entries it moves, so the stored positions are always the order. <see cref="TrackCount"/> is kept
/// with them. Visibility works as for tracks: private to the owner and admins, unlisted by id only.
/// </summary>
public sealed class Playlist : Entity
{
    private readonly List<PlaylistEntry> _entries = [];

    private Playlist()
    {
        Title = string.Empty;
    }

    public Guid OwnerId { get; private set; }
    public string Title { get; private set; }
    public string? Description { get; private set; }
    public TrackVisibility Visibility { get; private set; }
    public int TrackCount { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The entries in playlist order.</summary>
    public IReadOnlyList<PlaylistEntry> Entries => Ordered();

    public static Playlist Create(Guid id, Guid ownerId, string title, string? description, TrackVisibility visibility, DateTimeOffset now)
    {
        var playlist = new Playlist
        {
            Id = id,
            OwnerId = ownerId,
            Title = PlaylistRules.CheckTitle(title),
            Description = PlaylistRules.CheckDescription(description),
            Visibility = visibility,
            CreatedAt = now,
            UpdatedAt = now,
        };
        playlist.Raise(new PlaylistCreated(id, ownerId, now));
        return playlist;
    }

    /// <summary>Applies the fields given (null leaves a field; an empty description clears it).</summary>
    public void Edit(PlaylistEdit edit, DateTimeOffset now)
    {
        if (edit.Title is not null)
        {
            Title = PlaylistRules.CheckTitle(edit.Title);
        }

        if (edit.Description is not null)
        {
            Description = PlaylistRules.CheckDescription(edit.Description);
        }

        if (edit.Visibility is { } visibility)
        {
            Visibility = visibility;
        }

        UpdatedAt = now;
    }

    /// <summary>
    /// Inserts the track at <paramref name="position"/> (0..count), moving the ones from there down by
    /// one; without a position, at the end. Refuses a track already in the list and a full list.
    /// </summary>
    public AddTrackOutcome AddTrack(Guid trackId, int? position, DateTimeOffset now)
    {
        var entries = Ordered();
        if (entries.Any(e => e.TrackId == trackId))
        {
            return AddTrackOutcome.AlreadyPresent;
        }

        if (entries.Count >= PlaylistRules.MaxTracks)
        {
            return AddTrackOutcome.Full;
        }

        var at = position ?? entries.Count;
        if (at < 0 || at > entries.Count)
        {
            return AddTrackOutcome.PositionOutOfRange;
        }

        _entries.Insert(at, new PlaylistEntry(Id, trackId, at, now));
        Renumber();
        Changed(now);
        Raise(new PlaylistTrackAdded(Id, trackId, at, now));
        return AddTrackOutcome.Added;
    }

    /// <summary>Takes the track out; the ones after it move up by one.</summary>
    public RemoveTrackOutcome RemoveTrack(Guid trackId, DateTimeOffset now)
    {
        var entry = Ordered().FirstOrDefault(e => e.TrackId == trackId);
        if (entry is null)
        {
            return RemoveTrackOutcome.NotInPlaylist;
        }

        _entries.Remove(entry);
        Renumber();
        Changed(now);
        Raise(new PlaylistTrackRemoved(Id, trackId, now));
        return RemoveTrackOutcome.Removed;
    }

    /// <summary>Puts the tracks in the order given, which must name exactly the tracks in the list, each once.</summary>
    public ReorderOutcome Reorder(IReadOnlyList<Guid> trackIds, DateTimeOffset now)
    {
        var entries = Ordered();
        if (trackIds.Count != entries.Count || trackIds.Distinct().Count() != trackIds.Count)
        {
            return ReorderOutcome.NotTheSameTracks;
        }

        var byTrack = entries.ToDictionary(e => e.TrackId);
        if (!trackIds.All(byTrack.ContainsKey))
        {
            return ReorderOutcome.NotTheSameTracks;
        }

        _entries.Clear();
        _entries.AddRange(trackIds.Select(id => byTrack[id]));
        Renumber();
        Changed(now);
        Raise(new PlaylistReordered(Id, now));
        return ReorderOutcome.Reordered;
    }

    /// <summary>Removes the playlist; its entries go with it.</summary>
    public void Delete(DateTimeOffset now) => Raise(new PlaylistDeleted(Id, OwnerId, now));

    /// <summary>Whether the viewer may see the playlist at all (by id).</summary>
    public bool IsVisibleTo(Guid? viewerId, bool viewerIsAdmin) =>
        viewerIsAdmin || viewerId == OwnerId || Visibility != TrackVisibility.Private;

    /// <summary>Whether the playlist appears in lists (a profile's playlists) for the viewer.</summary>
    public bool IsListedFor(Guid? viewerId) => viewerId == OwnerId || Visibility == TrackVisibility.Public;

    /// <summary>Sorts the loaded entries by position (a database hands them over in any order) and returns them.</summary>
    private List<PlaylistEntry> Ordered()
    {
        _entries.Sort((a, b) => a.Position.CompareTo(b.Position));
        return _entries;
    }

    private void Renumber()
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            _entries[i].MoveTo(i);
        }
    }

    private void Changed(DateTimeOffset now)
    {
        TrackCount = _entries.Count;
        UpdatedAt = now;
    }
}

/// <summary>One track's place in a playlist.</summary>
public sealed class PlaylistEntry
{
    internal PlaylistEntry(Guid playlistId, Guid trackId, int position, DateTimeOffset addedAt)
    {
        PlaylistId = playlistId;
        TrackId = trackId;
        Position = position;
        AddedAt = addedAt;
    }

    private PlaylistEntry()
    {
    }

    public Guid PlaylistId { get; private set; }
    public Guid TrackId { get; private set; }
    public int Position { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }

    internal void MoveTo(int position) => Position = position;
}

/// <summary>Fields to change; null means "leave as it is".</summary>
public sealed record PlaylistEdit(string? Title = null, string? Description = null, TrackVisibility? Visibility = null);

public enum AddTrackOutcome
{
    Added,

    /// <summary>The track is in the playlist already (409).</summary>
    AlreadyPresent,

    /// <summary>The playlist holds <see cref="PlaylistRules.MaxTracks"/> tracks (422).</summary>
    Full,

    /// <summary>The position is past the end of the list or negative (400).</summary>
    PositionOutOfRange,
}

public enum RemoveTrackOutcome
{
    Removed,
    NotInPlaylist,
}

public enum ReorderOutcome
{
    Reordered,

    /// <summary>The ids given are not exactly the playlist's tracks, each once (400).</summary>
    NotTheSameTracks,
}
