namespace Veza.Domain.Playlists;

public interface IPlaylistRepository
{
    /// <summary>The playlist with all its entries.</summary>
    Task<Playlist?> GetAsync(Guid playlistId, CancellationToken cancellationToken);

    /// <summary>Every playlist holding the track, with its entries (to take a deleted track out of them).</summary>
    Task<IReadOnlyList<Playlist>> ListContainingAsync(Guid trackId, CancellationToken cancellationToken);

    void Add(Playlist playlist);

    void Remove(Playlist playlist);
}
