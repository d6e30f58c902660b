using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Users.Avatars.Commands.UploadAvatar;

/// <summary>
/// Sets or replaces the caller's avatar from an uploaded PNG, JPEG or WebP image.
/// </summary>
/// <param name="Content">The uploaded bytes, readable and seekable (the HTTP layer passes the form file's buffered stream).</param>
/// <param name="Length">The file's length in bytes.</param>
[Authorize]
public sealed record UploadAvatarCommand(Stream Content, long Length) : ICommand<AvatarDto>;
