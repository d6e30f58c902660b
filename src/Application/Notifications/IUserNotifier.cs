namespace Veza.Application.Notifications;

/// <summary>
/// Notifications a user should see even if they were offline (mentions, track processed, offers, warranty
/// reminders): the implementation stores them (honouring the user's in-app preference per kind) and pushes
/// a <c>notification</c> event live. Ephemeral events (typing, presence, chat messages) go through
/// <see cref="Veza.Domain.Ports.IRealtimeNotifier"/> instead. Call it inside the command's unit of work or
/// from an event consumer; it never fails the caller because nobody is connected.
/// </summary>
public interface IUserNotifier
{
    /// <param name="kind">A snake_case kind such as <c>mention</c> or <c>track_processed</c>.</param>
    /// <param name="payload">Serialised as JSON with snake_case names.</param>
    Task NotifyAsync(Guid userId, string kind, object payload, CancellationToken cancellationToken);
}
