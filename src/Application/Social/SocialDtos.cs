namespace Veza.Application.Social;

/// <summary>Whether the caller now follows the user.</summary>
public sealed record FollowStateDto(Guid UserId, bool Following);

/// <summary>Whether the caller now blocks the user.</summary>
public sealed record BlockStateDto(Guid UserId, bool Blocked);
