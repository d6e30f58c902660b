using Veza.Application.Common.Messaging;
using Veza.Domain.Ports;

namespace Veza.Application.Users.Avatars.Queries.GetUserAvatar;

/// <summary>One size of a user's current avatar, for anyone (avatars are public, even on private profiles).</summary>
public sealed record GetUserAvatarQuery(Guid UserId, int Size) : IQuery<AvatarFile>;

/// <summary>The open file of one avatar size; the caller disposes it.</summary>
public sealed record AvatarFile(Guid Version, DateTimeOffset UpdatedAt, string ContentType, StoredFile File) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => File.DisposeAsync();
}
