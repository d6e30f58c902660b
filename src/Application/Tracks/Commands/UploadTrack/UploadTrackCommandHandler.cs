using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Storage;
using Veza.Application.Tracks.Artwork;
using Veza.Application.Tracks.Processing;
using Veza.Application.Tracks.Upload;
using Veza.Domain.Auditing;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Commands.UploadTrack;

/// <summary>
/// Quota and size first (an announced length over either is refused before anything is stored), then
/// the bytes stream to storage through <see cref="InspectingUploadStream"/>, which stops at the smaller
/// limit and learns the length, hash and header on the way; then the content checks (empty, not audio,
/// a duplicate of the owner's), the artwork; only then the transaction begins (no pooled connection is
/// held while the client sends its bytes) for the quota again under the owner's upload lock (concurrent
/// uploads), the row, the processing job and the audit event. The
/// track's folder is deleted unless the transaction commits (<see cref="RollbackActions"/>): a refused,
/// failed or abandoned upload leaves no file and no row.
/// </summary>
public sealed class UploadTrackCommandHandler(
    ITrackRepository tracks,
    UploadQuota quota,
    IFileStorage storage,
    TrackArtworkWriter artwork,
    IJobScheduler jobs,
    IUnitOfWork unitOfWork,
    CommandTransaction transaction,
    RollbackActions rollback,
    IAuditTrail audit,
    IClock clock,
    ICurrentUser caller) : IRequestHandler<UploadTrackCommand, UploadedTrackDto>
{
    public const string FileField = "file";
    public const string ArtworkField = "artwork";

    public async Task<UploadedTrackDto> Handle(UploadTrackCommand request, CancellationToken cancellationToken)
    {
        var ownerId = caller.UserId!.Value;
        var details = new TrackDetails(
            string.IsNullOrWhiteSpace(request.Title) ? null : TrackRules.CheckTitle(request.Title),
            TrackRules.CheckOptional(request.Description, TrackRules.DescriptionMaxLength, "A description"),
            TrackRules.CheckOptional(request.Genre, TrackRules.GenreMaxLength, "A genre"),
            TrackRules.ParseTagList(request.Tags),
            TrackNames.TryParseVisibility(request.Visibility, out var visibility) ? visibility : TrackVisibility.Public);

        var standing = await quota.StandingOfAsync(ownerId, cancellationToken);
        if (request.AnnouncedLength is { } announced)
        {
            standing.CheckAnnounced(announced);
        }

        var trackId = Guid.CreateVersion7();
        rollback.Add(ct => storage.DeletePrefixAsync(TrackFiles.Folder(trackId), ct));
        var original = await StoreOriginalAsync(trackId, request, standing, cancellationToken);
        if (await tracks.FindIdByContentAsync(ownerId, original.Sha256, cancellationToken) is { } existing)
        {
            throw new DuplicateUploadException(existing);
        }

        var now = clock.UtcNow;
        var track = Track.Upload(trackId, ownerId, details, original, now);
        if (request.Artwork is { } picture)
        {
            var stored = await artwork.StoreAsync(trackId, picture, request.ArtworkLength, ArtworkField, cancellationToken);
            track.ReplaceArtwork(stored.Version, stored.Bytes, now);
        }

        await transaction.BeginAsync(cancellationToken);
        await quota.ConfirmAsync(ownerId, track.StoredBytes, cancellationToken);
        tracks.Add(track);
        jobs.Enqueue(new ProcessTrackJob(trackId));
        audit.Record(AuditActions.TrackUpload, AuditOutcomes.Success, ownerId,
            $"{AudioFormats.Extension(original.Format)}, {original.Bytes} bytes", AuditTargets.Track(trackId));
        await SaveAsync(ownerId, original.Sha256, cancellationToken);
        return UploadedTrackDto.From(track);
    }

    private async Task<StoredOriginal> StoreOriginalAsync(Guid trackId, UploadTrackCommand request, QuotaStanding standing, CancellationToken cancellationToken)
    {
        var key = TrackFiles.Original(trackId);
        var upload = await storage.StoreWithinAsync(key, request.Content, standing, AudioFormats.HeaderLength, FileField, cancellationToken);
        var format = AudioFormats.Detect(upload.Header)
            ?? throw new UnsupportedMediaTypeException("The file is not audio in a format we accept (MP3, FLAC, Ogg Vorbis or Opus, WAV, AAC, M4A).");
        return new StoredOriginal(key, format, upload.Bytes, upload.Sha256, UploadFileNames.TitleFrom(request.FileName));
    }

    /// <summary>
    /// Saves now rather than at the commit, so a concurrent upload of the same bytes caught by the unique
    /// index answers like any duplicate: 409 with the track that won (the failed save rolled back to its
    /// savepoint, so the transaction can still read).
    /// </summary>
    private async Task SaveAsync(Guid ownerId, string sha256, CancellationToken cancellationToken)
    {
        try
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (ConflictException)
        {
            if (await tracks.FindIdByContentAsync(ownerId, sha256, cancellationToken) is { } winner)
            {
                throw new DuplicateUploadException(winner);
            }

            throw;
        }
    }
}
