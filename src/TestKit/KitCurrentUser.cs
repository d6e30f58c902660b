using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.TestKit;

/// <summary>The caller of one kit request (one DI scope), as the HTTP layer would establish it: anonymous until set.</summary>
internal sealed class KitCurrentUser(IClock clock) : ICurrentUser
{
    private KitUser? _user;

    public bool IsAuthenticated => _user is not null;
    public Guid? UserId => _user?.Id;
    public string? Username => _user?.Username;
    public Role? Role => _user?.Role;
    public Guid? SessionId => _user?.SessionId;
    public DateTimeOffset? AccessTokenExpiresAt => _user is null ? null : clock.UtcNow.AddMinutes(15);
    public string? IpAddress { get; private set; } = VezaKit.CallerAddress;
    public string? UserAgent => "Veza.TestKit";

    public void Become(KitUser? user, string? ipAddress)
    {
        _user = user;
        IpAddress = ipAddress ?? VezaKit.CallerAddress;
    }
}
