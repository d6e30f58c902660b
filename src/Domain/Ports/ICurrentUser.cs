using Veza.Domain.Users;

namespace Veza.Domain.Ports;

/// <summary>Who is calling, as established by the delivery mechanism (HTTP, SignalR), plus where from.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }
    Guid? UserId { get; }
    string? Username { get; }
    Role? Role { get; }
    Guid? SessionId { get; }
    DateTimeOffset? AccessTokenExpiresAt { get; }
    string? IpAddress { get; }
    string? UserAgent { get; }
}
