using Veza.Domain.Common;
using Veza.Domain.Tracks;

namespace Veza.Domain.Resources;

/// <summary>A resource's describing fields, as created or edited (tags already normalised by <see cref="TrackRules"/>).</summary>
public sealed record ResourceDetails(string Title, string? Description, ResourceKind Kind, IReadOnlyList<string> Tags, ResourceVisibility Visibility)
{
    public const int TitleMaxLength = 120;
    public const int DescriptionMaxLength = 5000;
    public const int ChangelogMaxLength = 2000;

    /// <summary>Checks the free text (the title 1-120 characters, the description at most 5,000) and normalises the tags.</summary>
    public static ResourceDetails Checked(string title, string? description, ResourceKind kind, IEnumerable<string> tags, ResourceVisibility visibility)
    {
        var trimmed = title.Trim();
        if (trimmed.Length is 0 or > TitleMaxLength)
        {
            throw new DomainException($"A title is 1 to {TitleMaxLength} characters.");
        }

        return new ResourceDetails(trimmed, TrackRules.CheckOptional(description, DescriptionMaxLength, "A description"), kind, TrackRules.NormalizeTags(tags), visibility);
    }
}

/// <summary>A stored file, as the upload left it: where, what (from its bytes), how big, its hash and the name the uploader gave it.</summary>
public sealed record StoredResourceFile(string StorageKey, string FileName, ResourceFileType Type, long Bytes, string Sha256);

public enum DeleteVersionOutcome
{
    Deleted,
    NotFound,
    OnlyVersion,
}

/// <summary>
/// A file musicians share (a sample, preset, stem, project, document), with numbered versions kept until its owner
/// deletes them, and grants that let others view, download or edit it. What a caller may do is
/// <see cref="AccessFor"/>: the one place that decides it.
/// </summary>
public sealed class SharedResource : Entity
{
    private readonly List<ResourceVersion> _versions = [];
    private readonly List<ResourceGrant> _permissions = [];

    private SharedResource()
    {
        Title = string.Empty;
        Tags = [];
    }

    public Guid OwnerId { get; private set; }
    public string Title { get; private set; }
    public string? Description { get; private set; }
    public ResourceKind Kind { get; private set; }
    public List<string> Tags { get; private set; }
    public ResourceVisibility Visibility { get; private set; }

    /// <summary>The highest version number there is (the one GET …/download serves).</summary>
    public int LatestVersion { get; private set; }

    /// <summary>Numbers are never reused, even after the newest is deleted.</summary>
    public int VersionsCreated { get; private set; }

    public DateTimeOffset? HiddenAt { get; private set; }
    public string? HiddenReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<ResourceVersion> Versions => [.. _versions.OrderBy(v => v.Number)];

    public IReadOnlyList<ResourceGrant> Permissions => _permissions;

    public ResourceVersion Latest => _versions.Single(v => v.Number == LatestVersion);

    /// <summary>Every byte stored for it (all versions), counted in its owner's quota.</summary>
    public long StoredBytes => _versions.Sum(v => v.Bytes);

    public static SharedResource Create(Guid id, Guid ownerId, ResourceDetails details, StoredResourceFile file, DateTimeOffset now)
    {
        var resource = new SharedResource { Id = id, OwnerId = ownerId, CreatedAt = now, UpdatedAt = now };
        resource.Apply(details);
        resource.AddVersionOf(file, null, ownerId, now);
        resource.Raise(new SharedResourceCreated(id, ownerId, [.. resource.Tags], now));
        return resource;
    }

    public ResourceDetails Details => new(Title, Description, Kind, Tags, Visibility);

    /// <summary>Replaces the describing fields (the caller starts from <see cref="Details"/>); changed tags are announced for their counts.</summary>
    public void Edit(ResourceDetails details, DateTimeOffset now)
    {
        var before = Tags.ToList();
        Apply(details);
        UpdatedAt = now;
        var added = Tags.Except(before).ToList();
        var removed = before.Except(Tags).ToList();
        if (added.Count > 0 || removed.Count > 0)
        {
            Raise(new SharedResourceTagsChanged(Id, added, removed, now));
        }
    }

    public ResourceVersion AddVersion(StoredResourceFile file, string? changelog, Guid by, DateTimeOffset now)
    {
        if (changelog?.Trim() is { Length: > ResourceDetails.ChangelogMaxLength })
        {
            throw new DomainException($"A changelog is at most {ResourceDetails.ChangelogMaxLength} characters.");
        }

        UpdatedAt = now;
        return AddVersionOf(file, string.IsNullOrWhiteSpace(changelog) ? null : changelog.Trim(), by, now);
    }

    /// <summary>Removes a version (its file is the caller's to delete); the newest left becomes the latest. The last one cannot go: delete the resource.</summary>
    public DeleteVersionOutcome DeleteVersion(int number, DateTimeOffset now)
    {
        var version = _versions.SingleOrDefault(v => v.Number == number);
        if (version is null)
        {
            return DeleteVersionOutcome.NotFound;
        }

        if (_versions.Count == 1)
        {
            return DeleteVersionOutcome.OnlyVersion;
        }

        _versions.Remove(version);
        LatestVersion = _versions.Max(v => v.Number);
        UpdatedAt = now;
        return DeleteVersionOutcome.Deleted;
    }

    /// <summary>Grants or changes a user's level; the owner needs none (false).</summary>
    public bool Grant(Guid userId, ResourcePermissionLevel level, DateTimeOffset now)
    {
        if (userId == OwnerId)
        {
            return false;
        }

        var existing = _permissions.SingleOrDefault(p => p.UserId == userId);
        if (existing is null)
        {
            _permissions.Add(new ResourceGrant(Id, userId, level, now));
        }
        else
        {
            existing.Change(level, now);
        }

        UpdatedAt = now;
        return true;
    }

    public bool Revoke(Guid userId, DateTimeOffset now)
    {
        var removed = _permissions.RemoveAll(p => p.UserId == userId) > 0;
        if (removed)
        {
            UpdatedAt = now;
        }

        return removed;
    }

    /// <summary>
    /// The owner owns it; an admin may download anything (and delete it, which the caller decides); a hidden
    /// resource is theirs alone. Otherwise: public gives everyone download (a grant may add edit), shared gives each
    /// grantee their level, private gives nobody anything (grants wait until it is shared or public again).
    /// </summary>
    public ResourceAccess AccessFor(Guid? viewerId, bool isAdmin)
    {
        if (viewerId == OwnerId)
        {
            return ResourceAccess.Own;
        }

        var granted = viewerId is { } id && _permissions.SingleOrDefault(p => p.UserId == id) is { } grant ? ToAccess(grant.Level) : ResourceAccess.None;
        var access = HiddenAt is not null ? ResourceAccess.None : Visibility switch
        {
            ResourceVisibility.Public => granted > ResourceAccess.Download ? granted : ResourceAccess.Download,
            ResourceVisibility.Shared => granted,
            _ => ResourceAccess.None,
        };
        return isAdmin && access < ResourceAccess.Download ? ResourceAccess.Download : access;
    }

    public bool Hide(string reason, DateTimeOffset now)
    {
        if (HiddenAt is not null)
        {
            return false;
        }

        HiddenAt = now;
        HiddenReason = reason;
        UpdatedAt = now;
        return true;
    }

    /// <summary>Its owner and admins delete a resource (whatever its visibility or state).</summary>
    public bool MayDelete(Guid? viewerId, bool isAdmin) => viewerId == OwnerId || isAdmin;

    /// <summary>Who it is shared with is for its owner and admins to see.</summary>
    public bool MaySeeGrants(Guid? viewerId, bool isAdmin) => MayDelete(viewerId, isAdmin);

    /// <summary>Announces the deletion (its tags' counts, its files' removal after the commit).</summary>
    public void Delete(DateTimeOffset now) => Raise(new SharedResourceDeleted(Id, OwnerId, [.. Tags], now));

    public void RecordAudio(int number, TimeSpan duration, string? waveformKey)
    {
        _versions.SingleOrDefault(v => v.Number == number)?.RecordAudio(duration, waveformKey);
    }

    private static ResourceAccess ToAccess(ResourcePermissionLevel level) => level switch
    {
        ResourcePermissionLevel.View => ResourceAccess.View,
        ResourcePermissionLevel.Download => ResourceAccess.Download,
        _ => ResourceAccess.Edit,
    };

    private void Apply(ResourceDetails details)
    {
        Title = details.Title;
        Description = details.Description;
        Kind = details.Kind;
        Tags = [.. details.Tags];
        Visibility = details.Visibility;
    }

    private ResourceVersion AddVersionOf(StoredResourceFile file, string? changelog, Guid by, DateTimeOffset now)
    {
        VersionsCreated++;
        var version = new ResourceVersion(Id, VersionsCreated, file, changelog, by, now);
        _versions.Add(version);
        LatestVersion = version.Number;
        return version;
    }
}

/// <summary>One numbered file of a resource. Audio gets its duration and a waveform once the pipeline has probed it.</summary>
public sealed class ResourceVersion
{
    private ResourceVersion()
    {
        StorageKey = FileName = Format = ContentType = Sha256 = string.Empty;
    }

    internal ResourceVersion(Guid resourceId, int number, StoredResourceFile file, string? changelog, Guid createdBy, DateTimeOffset now)
    {
        ResourceId = resourceId;
        Number = number;
        StorageKey = file.StorageKey;
        FileName = file.FileName;
        Format = file.Type.Name;
        ContentType = file.Type.ContentType;
        Bytes = file.Bytes;
        Sha256 = file.Sha256;
        Changelog = changelog;
        CreatedBy = createdBy;
        CreatedAt = now;
    }

    public Guid ResourceId { get; private set; }
    public int Number { get; private set; }
    public string StorageKey { get; private set; }
    public string FileName { get; private set; }
    public string Format { get; private set; }
    public string ContentType { get; private set; }
    public long Bytes { get; private set; }
    public string Sha256 { get; private set; }
    public string? Changelog { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public double? DurationSeconds { get; private set; }
    public string? WaveformKey { get; private set; }

    internal void RecordAudio(TimeSpan duration, string? waveformKey)
    {
        DurationSeconds = Math.Round(duration.TotalSeconds, 3);
        WaveformKey = waveformKey;
    }
}

public sealed class ResourceGrant
{
    private ResourceGrant()
    {
    }

    internal ResourceGrant(Guid resourceId, Guid userId, ResourcePermissionLevel level, DateTimeOffset now)
    {
        ResourceId = resourceId;
        UserId = userId;
        Level = level;
        GrantedAt = now;
    }

    public Guid ResourceId { get; private set; }
    public Guid UserId { get; private set; }
    public ResourcePermissionLevel Level { get; private set; }
    public DateTimeOffset GrantedAt { get; private set; }

    internal void Change(ResourcePermissionLevel level, DateTimeOffset now)
    {
        Level = level;
        GrantedAt = now;
    }
}

public sealed record SharedResourceCreated(Guid ResourceId, Guid OwnerId, IReadOnlyList<string> Tags, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record SharedResourceTagsChanged(Guid ResourceId, IReadOnlyList<string> Added, IReadOnlyList<string> Removed, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record SharedResourceDeleted(Guid ResourceId, Guid OwnerId, IReadOnlyList<string> Tags, DateTimeOffset OccurredAt) : IDomainEvent;

public interface ISharedResourceRepository
{
    /// <summary>The resource with its versions and grants, tracked for changes.</summary>
    Task<SharedResource?> GetAsync(Guid id, CancellationToken cancellationToken);

    void Add(SharedResource resource);

    void Remove(SharedResource resource);

    /// <summary>Bytes stored for a user's resources (all versions), for the quota.</summary>
    Task<long> StoredBytesOfAsync(Guid ownerId, CancellationToken cancellationToken);

    /// <summary>
    /// Counts a download once per user, version and day (true when this is the first), beside the aggregate: its row
    /// never changes, so downloads never conflict with edits. Nothing is counted for a resource deleted meanwhile.
    /// </summary>
    Task<bool> RecordDownloadAsync(Guid resourceId, int version, Guid userId, DateOnly day, CancellationToken cancellationToken);
}
