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
