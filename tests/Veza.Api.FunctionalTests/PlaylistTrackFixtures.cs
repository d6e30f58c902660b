using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Veza.Application.Common.Messaging;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// Tracks for the playlist tests, stored through the API's own <see cref="ITrackRepository"/> (upload,
/// then processing completed without running ffmpeg: playlists care about rows, not audio).
/// </summary>
internal static class PlaylistTrackFixtures
{
    public static readonly DateTimeOffset UploadedAt = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    public static async Task<Guid> StoreTrackAsync(
        this VezaApiFactory factory, Guid ownerId, string title, TrackVisibility visibility = TrackVisibility.Public, bool ready = true, Guid? artworkVersion = null)
    {
        var id = Guid.NewGuid();
        var track = Track.Upload(id, ownerId, new TrackDetails(title, null, null, [], visibility),
            new StoredOriginal(TrackFiles.Original(id), AudioFormat.Mp3, 4096, id.ToString("N") + id.ToString("N"), "upload"), UploadedAt);
        if (ready)
        {
            track.CompleteProcessing(
                new TrackProcessingResult(new AudioMetadata(TimeSpan.FromSeconds(187.5), "mp3", 192, 44100, 2), true, false, true, true, -14, -1, artworkVersion, 1024),
                UploadedAt.AddMinutes(1));
        }

        await factory.ChangeTracksAsync(tracks =>
        {
            tracks.Add(track);
            return Task.CompletedTask;
        });
        return id;
    }

    /// <summary>Loads the track, lets <paramref name="change"/> act on it (edit, hide) and saves it.</summary>
    public static Task ChangeTrackAsync(this VezaApiFactory factory, Guid trackId, Action<Track> change) =>
        factory.ChangeTracksAsync(async tracks => change((await tracks.GetAsync(trackId, CancellationToken.None))!));

    /// <summary>
    /// Deletes the track as a delete command would: its events go to their in-process handlers (playlists
    /// among them) before the one save, as the unit of work does.
    /// </summary>
    public static async Task DeleteTrackAsync(this VezaApiFactory factory, Guid trackId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var tracks = scope.ServiceProvider.GetRequiredService<ITrackRepository>();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var track = (await tracks.GetAsync(trackId, CancellationToken.None))!;
        track.Delete(UploadedAt.AddHours(1));
        tracks.Remove(track);
        await using var transaction = await unitOfWork.BeginTransactionAsync(CancellationToken.None);
        foreach (var domainEvent in unitOfWork.TakeDomainEvents().OfType<TrackDeleted>())
        {
            await mediator.Publish(new DomainEventNotification<TrackDeleted>(domainEvent));
        }

        await unitOfWork.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    private static async Task ChangeTracksAsync(this VezaApiFactory factory, Func<ITrackRepository, Task> change)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await change(scope.ServiceProvider.GetRequiredService<ITrackRepository>());
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
    }
}
