using Veza.Domain.Common;

namespace Veza.Domain.Users;

public sealed record UserRegistered(Guid UserId, string Username, string Email, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    public string EventType => "users.registered";
}

public sealed record PasswordChanged(Guid UserId, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    public string EventType => "users.password_changed";
}

public sealed record ProfileUpdated(Guid UserId, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>Active, suspended, banned: every node must stop a suspended account's tokens at once.</summary>
public sealed record UserStatusChanged(Guid UserId, string Status, DateTimeOffset? Until, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    public string EventType => "users.status_changed";
}

public sealed record UserDeleted(Guid UserId, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    public string EventType => "users.deleted";
}
