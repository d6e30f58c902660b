namespace Veza.Domain.Reports;

/// <summary>
/// One kind of thing that can be reported (user, later track, chat message, listing). The one
/// registration point: every implementation registered in the container is a valid <c>target_type</c>,
/// so a feature adds its type by adding a class, not by editing the report use cases.
/// </summary>
public interface IReportTargetType
{
    /// <summary>The <c>target_type</c> on the wire (snake_case, unique).</summary>
    string Name { get; }

    /// <summary>Who owns the target (for a user, the user); null when there is no such target (404).</summary>
    Task<Guid?> FindOwnerAsync(Guid targetId, CancellationToken cancellationToken);

    async Task<bool> ExistsAsync(Guid targetId, CancellationToken cancellationToken) =>
        await FindOwnerAsync(targetId, cancellationToken) is not null;

    /// <summary>
    /// Hides the target from everyone but its owner and moderators, with the reason its owner is shown; false
    /// when this type has nothing to hide (hide_content is then refused).
    /// </summary>
    Task<bool> HideAsync(Guid targetId, string reason, CancellationToken cancellationToken);
}
