using Veza.Api.OpenApi;
using Veza.Application.Users.Avatars;
using Veza.Application.Users.Avatars.Commands.RemoveAvatar;
using Veza.Domain.Users;

namespace Veza.Api.Endpoints.Avatars;

public sealed class AvatarExamples : IOpenApiExamples
{
    private static readonly Guid Version = Guid.Parse("0193a5c0-1d2e-7f00-8a11-3c4d5e6f7a8b");

    public void AddTo(ExampleTable examples) => examples
        .Add(new AvatarDto(
            ExampleValues.UserId,
            Version,
            AvatarUrls.For(ExampleValues.UserId, Version),
            [.. AvatarRules.Sizes.Select(size => new AvatarImageDto(size, AvatarUrls.For(ExampleValues.UserId, Version, size), "image/webp"))],
            ExampleValues.Now))
        .Add(new AvatarRemovedDto(true));
}
