namespace Veza.Domain.Users;

/// <summary>
/// The kinds of notification a user can tune. A fixed list that later features extend (add a constant
/// and put it in <see cref="All"/>); a stored set that lacks a new kind gets its default.
/// </summary>
public static class NotificationKinds
{
    public const string Follows = "follows";
    public const string Messages = "messages";
    public const string Mentions = "mentions";
    public const string Reports = "reports";
    public const string System = "system";

    public static readonly IReadOnlyList<string> All = [Follows, Messages, Mentions, Reports, System];
}

public enum ProfileVisibility
{
    Public = 0,
    Private = 1,
}

public enum DirectMessagePolicy
{
    Everyone = 0,
    Following = 1,
    Nobody = 2,
}

public enum StreamQuality
{
    Normal = 0,
    High = 1,
}

public sealed record NotificationChannels(bool InApp, bool Email);

public sealed record PrivacyPreferences(ProfileVisibility Profile, bool ShowOnlineStatus, DirectMessagePolicy DirectMessages);

public sealed record AudioPreferences(StreamQuality StreamQuality, bool Autoplay);

/// <summary>A user's complete preferences: every notification kind, privacy and audio.</summary>
public sealed record PreferenceSet(IReadOnlyDictionary<string, NotificationChannels> Notifications, PrivacyPreferences Privacy, AudioPreferences Audio)
{
    /// <summary>What a user who never set anything gets.</summary>
    public static PreferenceSet Default { get; } = new(
        NotificationKinds.All.ToDictionary(k => k, _ => new NotificationChannels(InApp: true, Email: false)),
        new PrivacyPreferences(ProfileVisibility.Public, ShowOnlineStatus: true, DirectMessagePolicy.Everyone),
        new AudioPreferences(StreamQuality.Normal, Autoplay: true));

    /// <summary>
    /// Keeps the known kinds only, each present (a kind added since the set was stored gets its default):
    /// the one shape every reader sees.
    /// </summary>
    public PreferenceSet Complete() => this with
    {
        Notifications = NotificationKinds.All.ToDictionary(k => k, k => Notifications.GetValueOrDefault(k) ?? Default.Notifications[k]),
    };
}

/// <summary>Stored preferences of one user (<see cref="Common.Entity.Id"/> is the user's id); absent until first changed.</summary>
public sealed class UserPreferences : Common.Entity
{
    private UserPreferences()
    {
        Values = PreferenceSet.Default;
    }

    public PreferenceSet Values { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static UserPreferences For(Guid userId, DateTimeOffset now) => new() { Id = userId, UpdatedAt = now };

    public void Replace(PreferenceSet values, DateTimeOffset now)
    {
        var unknown = values.Notifications.Keys.Except(NotificationKinds.All).ToArray();
        if (unknown.Length > 0)
        {
            throw new Common.DomainException($"Unknown notification kind: {string.Join(", ", unknown)}.");
        }

        Values = values.Complete();
        UpdatedAt = now;
    }
}
