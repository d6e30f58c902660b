using System.Text.Json.Nodes;
using Veza.Domain.Users;

namespace Veza.Application.Notifications;

/// <param name="Payload">What the kind carries (snake_case JSON), such as the room and message of a mention.</param>
public sealed record NotificationDto(Guid Id, string Kind, JsonNode Payload, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record UnreadNotificationsDto(long Count);

/// <summary>The stored side of notifications (table notifications), written in SQL and read by projection.</summary>
public interface INotificationStore
{
    Task<NotificationDto> AddAsync(Guid userId, string kind, JsonNode payload, DateTimeOffset now, CancellationToken cancellationToken);

    Task<Common.Models.PagedResult<NotificationDto>> ListAsync(Guid userId, bool unreadOnly, Common.Models.PageRequest paging, CancellationToken cancellationToken);

    Task<long> UnreadCountAsync(Guid userId, CancellationToken cancellationToken);

    /// <returns>False when the user has no such notification.</returns>
    Task<bool> MarkReadAsync(Guid userId, Guid notificationId, DateTimeOffset now, CancellationToken cancellationToken);

    Task<int> MarkAllReadAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes notifications read before <paramref name="readBefore"/> (unread ones stay, however old).</summary>
    /// <returns>How many were deleted.</returns>
    Task<int> PruneReadAsync(DateTimeOffset readBefore, CancellationToken cancellationToken);
}

public static class NotificationRules
{
    /// <summary>How long a read notification is kept.</summary>
    public static readonly TimeSpan ReadRetention = TimeSpan.FromDays(90);
}

/// <summary>Which preference (notifications.{kind}.in_app) governs a notification kind.</summary>
public static class NotificationPreferenceKinds
{
    public static string For(string kind) => kind switch
    {
        "mention" => NotificationKinds.Mentions,
        "message" or "dm" => NotificationKinds.Messages,
        "follow" => NotificationKinds.Follows,
        "report" => NotificationKinds.Reports,
        _ => NotificationKinds.System,
    };
}
