using Veza.Domain.Reports;
using Veza.Domain.Users;

namespace Veza.Application.Reports;

/// <summary>
/// A user account as a report target. Its owner is the user; it has no content of its own to hide
/// (a profile is moderated by suspending its owner), so hide_content is refused for it.
/// </summary>
public sealed class UserReportTarget(IUserRepository users) : IReportTargetType
{
    public const string TypeName = "user";

    public string Name => TypeName;

    public async Task<Guid?> FindOwnerAsync(Guid targetId, CancellationToken cancellationToken) =>
        await users.GetByIdAsync(targetId, cancellationToken) is { Status: not AccountStatus.Deleted } user ? user.Id : null;

    public Task<bool> HideAsync(Guid targetId, string reason, CancellationToken cancellationToken) => Task.FromResult(false);
}
