namespace Veza.Application.Users;

/// <summary>A user named inside another resource (a track's artist, a playlist's owner): enough to link to the profile.</summary>
public sealed record UserRefDto(Guid Id, string Username);
