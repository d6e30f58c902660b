using Veza.Domain.Media;
using Veza.Domain.Users;

namespace Veza.Application.Users.Avatars;

/// <summary>A user's avatar: its version (the ETag) and the URL of each size.</summary>
public sealed record AvatarDto(Guid UserId, Guid Version, string Url, IReadOnlyList<AvatarImageDto> Images, DateTimeOffset UpdatedAt)
{
    public static AvatarDto From(UserAvatar avatar) => new(
        avatar.Id,
        avatar.Version,
        AvatarUrls.For(avatar.Id, avatar.Version, AvatarRules.LargeSize),
        [.. AvatarRules.Sizes.Select(size => new AvatarImageDto(size, AvatarUrls.For(avatar.Id, avatar.Version, size), ImageFormats.ContentType(AvatarRules.Format)))],
        avatar.UpdatedAt);
}

public sealed record AvatarImageDto(int Size, string Url, string ContentType);

/// <summary>
/// Where an avatar is served. The version in the URL makes each upload a new URL, so it can be
/// cached for good; profiles use this to show a user's avatar.
/// </summary>
public static class AvatarUrls
{
    public static string For(Guid userId, Guid version, int size = AvatarRules.LargeSize) =>
        $"/api/v1/users/{userId}/avatar?size={size}&v={version:N}";
}
