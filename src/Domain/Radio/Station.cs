using System.Text.RegularExpressions;
using Veza.Domain.Common;

namespace Veza.Domain.Radio;

/// <summary>
/// A community radio station: one live stream its owner programs (a rotation of playlists or tags, plus
/// listener requests), its DJs, and a chat room created with it. Owners and admins edit and delete;
/// owners and DJs run the queue.
/// </summary>
public sealed partial class Station : Entity
{
    public const int NameMaxLength = 80;
    public const int DescriptionMaxLength = 1000;
    public const int GenreMaxLength = 40;
    public const int MaxRotationSources = 20;

    private readonly List<StationMember> _members = [];

    private Station()
    {
        Name = Slug = string.Empty;
        RotationPlaylistIds = [];
        RotationTags = [];
    }

    public string Name { get; private set; }
    public string Slug { get; private set; }
    public string? Description { get; private set; }
    public string? Genre { get; private set; }
    public StationVisibility Visibility { get; private set; }
    public Guid OwnerId { get; private set; }
    public Guid ChatRoomId { get; private set; }

    /// <summary>The playlists the auto-DJ plays from (their tracks, shuffled).</summary>
    public Guid[] RotationPlaylistIds { get; private set; }

    /// <summary>Tags whose public tracks the auto-DJ plays from.</summary>
    public string[] RotationTags { get; private set; }

    /// <summary>How many tracks must play before one plays again (when the rotation has more than that).</summary>
    public int NoRepeatWindow { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyCollection<StationMember> Members => _members;

    public static Station Create(Guid ownerId, Guid chatRoomId, string name, string slug, string? description, string? genre, StationVisibility visibility, DateTimeOffset now)
    {
        var station = new Station
        {
            Id = Guid.CreateVersion7(now),
            OwnerId = ownerId,
            ChatRoomId = chatRoomId,
            Visibility = visibility,
            NoRepeatWindow = 20,
            CreatedAt = now,
            UpdatedAt = now,
        };
        station.Rename(name, slug);
        station.Describe(description, genre);
        station._members.Add(new StationMember(station.Id, ownerId, StationRole.Owner, now));
        return station;
    }

    public const string SlugRule = "A slug is 3 to 40 lower-case letters, digits and dashes, starting with a letter or digit.";

    public static bool IsSlug(string? slug) => slug is not null && SlugPattern().IsMatch(slug);

    public static string CheckSlug(string slug) => IsSlug(slug) ? slug : throw new DomainException(SlugRule);

    public bool IsRunBy(Guid userId) => _members.Any(m => m.UserId == userId);

    /// <summary>Gives a member (owner or DJ) a new source secret (its hash), replacing their previous one.</summary>
    public bool SetSourceSecret(Guid userId, string secretHash, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretHash);
        if (_members.FirstOrDefault(m => m.UserId == userId) is not { } member)
        {
            return false;
        }

        member.SourceSecretHash = secretHash;
        UpdatedAt = now;
        return true;
    }

    /// <summary>The member whose source secret has this hash (a DJ connecting a live source), if any.</summary>
    public StationMember? SourceOf(string secretHash) => _members.FirstOrDefault(m => m.SourceSecretHash is { } hash && hash == secretHash);

    public void Edit(string? name, string? slug, string? description, string? genre, StationVisibility? visibility, DateTimeOffset now)
    {
        if (name is not null || slug is not null)
        {
            Rename(name ?? Name, slug ?? Slug);
        }

        if (description is not null || genre is not null)
        {
            Describe(description ?? Description, genre ?? Genre);
        }

        Visibility = visibility ?? Visibility;
        UpdatedAt = now;
    }

    public void SetRotation(IReadOnlyCollection<Guid> playlistIds, IReadOnlyCollection<string> tags, int noRepeatWindow, DateTimeOffset now)
    {
        if (playlistIds.Count + tags.Count > MaxRotationSources)
        {
            throw new DomainException($"A rotation has at most {MaxRotationSources} playlists and tags.");
        }

        if (noRepeatWindow is < 0 or > 500)
        {
            throw new DomainException("The no-repeat window is 0 to 500 tracks.");
        }

        RotationPlaylistIds = [.. playlistIds.Distinct()];
        RotationTags = [.. tags.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct()];
        NoRepeatWindow = noRepeatWindow;
        UpdatedAt = now;
    }

    /// <returns>False when the user already runs the station.</returns>
    public bool AddDj(Guid userId, DateTimeOffset now)
    {
        if (IsRunBy(userId))
        {
            return false;
        }

        _members.Add(new StationMember(Id, userId, StationRole.Dj, now));
        UpdatedAt = now;
        return true;
    }

    /// <returns>False when the user is not a DJ here (the owner is not removed this way).</returns>
    public bool RemoveDj(Guid userId, DateTimeOffset now)
    {
        var member = _members.FirstOrDefault(m => m.UserId == userId && m.Role == StationRole.Dj);
        if (member is null)
        {
            return false;
        }

        _members.Remove(member);
        UpdatedAt = now;
        return true;
    }

    private void Rename(string name, string slug)
    {
        var trimmed = name.Trim();
        Name = trimmed.Length is > 0 and <= NameMaxLength ? trimmed : throw new DomainException($"A station name is 1 to {NameMaxLength} characters.");
        Slug = CheckSlug(slug);
    }

    private void Describe(string? description, string? genre)
    {
        Description = string.IsNullOrWhiteSpace(description) ? null
            : description.Trim().Length <= DescriptionMaxLength ? description.Trim() : throw new DomainException($"A description is at most {DescriptionMaxLength} characters.");
        Genre = string.IsNullOrWhiteSpace(genre) ? null
            : genre.Trim().Length <= GenreMaxLength ? genre.Trim() : throw new DomainException($"A genre is at most {GenreMaxLength} characters.");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,39}$")]
    private static partial Regex SlugPattern();
}

public sealed class StationMember
{
    private StationMember()
    {
    }

    public StationMember(Guid stationId, Guid userId, StationRole role, DateTimeOffset addedAt) =>
        (StationId, UserId, Role, AddedAt) = (stationId, userId, role, addedAt);

    public Guid StationId { get; private set; }
    public Guid UserId { get; private set; }
    public StationRole Role { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }

    /// <summary>The hash of the secret this member streams live with; null until they asked for one.</summary>
    public string? SourceSecretHash { get; internal set; }
}

public enum StationRole
{
    Dj = 0,
    Owner = 1,
}

public enum StationVisibility
{
    Public = 0,
    Unlisted = 1,
}

public static class StationNames
{
    public static string ToName(this StationVisibility visibility) => visibility == StationVisibility.Public ? "public" : "unlisted";

    public static string ToName(this StationRole role) => role == StationRole.Owner ? "owner" : "dj";

    public static bool TryParseVisibility(string? name, out StationVisibility visibility)
    {
        (var ok, visibility) = name switch
        {
            "public" => (true, StationVisibility.Public),
            "unlisted" => (true, StationVisibility.Unlisted),
            _ => (false, StationVisibility.Public),
        };
        return ok;
    }
}

public interface IStationRepository
{
    Task<Station?> GetAsync(Guid stationId, CancellationToken cancellationToken);

    void Add(Station station);

    void Remove(Station station);
}
