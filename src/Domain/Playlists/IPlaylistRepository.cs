namespace Veza.Domain.Playlists;

public interface IPlaylistRepository
{
    /// <summary>The playlist with all its entries, for a change: concurrent changes to it wait until this transaction ends.</summary>
    Task<Playlist?> GetAsync(Guid playlistId, CancellationToken cancellationToken);

    /// <summary>Every playlist holding the track, with its entries and held like <see cref="GetAsync"/> (to take a deleted track out of them).</summary>
    Task<IReadOnlyList<Playlist>> ListContainingAsync(Guid trackId, CancellationToken cancellationToken);

    void Add(Playlist playlist);

    void Remove(Playlist playlist);
}
