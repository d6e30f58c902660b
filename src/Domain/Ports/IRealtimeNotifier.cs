namespace Veza.Domain.Ports;

/// <summary>
/// Pushes a notification to a user's live connections (none is not an error: it is a nudge, not a message
/// that must arrive). In process for now; the chat hub will deliver it over SignalR.
/// </summary>
public interface IRealtimeNotifier
{
    /// <param name="type">A snake_case name the client dispatches on, such as <c>track_processed</c>.</param>
    /// <param name="payload">Serialised as JSON with snake_case names.</param>
    Task NotifyUserAsync(Guid userId, string type, object payload, CancellationToken cancellationToken);

    /// <summary>Pushes an event to every live connection subscribed to a chat room (its members' connections).</summary>
    Task NotifyRoomAsync(Guid roomId, string type, object payload, CancellationToken cancellationToken);

    /// <summary>
    /// Pushes an event to every live connection watching a radio station (anyone who has its id, signed in or
    /// not, whether or not they joined its chat room).
    /// </summary>
    Task NotifyStationAsync(Guid stationId, string type, object payload, CancellationToken cancellationToken);
}
