using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Storage;
using Veza.Domain.Ports;
using Veza.Domain.Resources;
using Veza.Domain.Tracks;
using Veza.Domain.Users;

namespace Veza.Application.Tracks.Upload;

/// <summary>Where a user stands against their plan's storage quota and the platform's upload size (both runtime settings).</summary>
/// <remarks>Every byte a user stores counts: their tracks (with everything derived) and their shared resources (every version).</remarks>
public sealed class UploadQuota(IUserRepository users, IRuntimeSettings settings, ITrackRepository tracks, ISharedResourceRepository resources)
{
    public async Task<QuotaStanding> StandingOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.GetByIdAsync(userId, cancellationToken) ?? throw new NotFoundException("User not found.");
        var current = await settings.GetAsync(cancellationToken);
        var used = await tracks.StoredBytesOfAsync(userId, cancellationToken) + await resources.StoredBytesOfAsync(userId, cancellationToken);
        return new QuotaStanding(user.Plan, current.UploadQuotaFor(user.Plan), used, current.MaxUploadBytes);
    }

    /// <summary>
    /// Once the bytes are stored: holds the owner's uploads until the commit and checks again with what is
    /// recorded now, so concurrent uploads (on any node) cannot together pass the quota each fits alone.
    /// </summary>
    public async Task ConfirmAsync(Guid userId, long bytes, CancellationToken cancellationToken)
    {
        await tracks.HoldOwnerUploadsAsync(userId, cancellationToken);
        var standing = await StandingOfAsync(userId, cancellationToken);
        if (bytes > standing.RemainingBytes)
        {
            throw new QuotaExceededException(standing.UsedBytes, standing.LimitBytes);
        }
    }
}

/// <summary>What streaming an upload to storage learnt: its length, its first bytes (what it is) and its SHA-256.</summary>
public sealed record InspectedUpload(long Bytes, byte[] Header, string Sha256);

public static class QuotaLimitedUpload
{
    /// <summary>
    /// Streams <paramref name="content"/> to <paramref name="key"/>, stopping where it passes the standing's limit
    /// (the quota's or the size's 413, whichever was smaller), hashing it and keeping its first bytes on the way; an
    /// empty file is a 400 on <paramref name="field"/>. The caller removes the key unless its command commits.
    /// </summary>
    public static async Task<InspectedUpload> StoreWithinAsync(
        this IFileStorage storage, string key, Stream content, QuotaStanding standing, int headerLength, string field, CancellationToken cancellationToken)
    {
        await using var upload = new InspectingUploadStream(content, standing.NextUploadLimit, headerLength);
        long bytes;
        try
        {
            bytes = await storage.SaveAsync(key, upload, cancellationToken);
        }
        catch (UploadLimitExceededException)
        {
            throw standing.LimitPassed();
        }

        return bytes == 0
            ? throw new RequestValidationException([new FieldError(field, "The file is empty.")])
            : new InspectedUpload(bytes, upload.Header.ToArray(), upload.Sha256Hex());
    }
}

/// <param name="LimitBytes">The plan's quota: every byte stored for the user's tracks counts.</param>
/// <param name="MaxUploadBytes">The largest single upload accepted.</param>
public sealed record QuotaStanding(Plan Plan, long LimitBytes, long UsedBytes, long MaxUploadBytes)
{
    public long RemainingBytes => Math.Max(0, LimitBytes - UsedBytes);

    /// <summary>The most bytes the next upload may have: the smaller of the size limit and what the quota leaves.</summary>
    public long NextUploadLimit => Math.Min(MaxUploadBytes, RemainingBytes);

    /// <summary>Refuses, before anything is stored, an upload announced as larger than either limit (the size limit first).</summary>
    public void CheckAnnounced(long bytes)
    {
        if (bytes > MaxUploadBytes)
        {
            throw new FileTooLargeException(MaxUploadBytes);
        }

        if (bytes > RemainingBytes)
        {
            throw QuotaExceeded();
        }
    }

    /// <summary>The refusal for an upload that went past <see cref="NextUploadLimit"/>: the quota when it was the smaller limit, else the size.</summary>
    public Exception LimitPassed() => RemainingBytes < MaxUploadBytes ? QuotaExceeded() : new FileTooLargeException(MaxUploadBytes);

    private QuotaExceededException QuotaExceeded() => new(UsedBytes, LimitBytes);
}
