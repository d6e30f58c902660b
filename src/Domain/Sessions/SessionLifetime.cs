namespace Veza.Domain.Sessions;

/// <summary>Refresh tokens slide (each rotation extends by <see cref="Sliding"/>) but never past <see cref="Absolute"/> from sign-in.</summary>
public sealed record SessionLifetime(TimeSpan Sliding, TimeSpan Absolute)
{
    public static SessionLifetime Default { get; } = new(TimeSpan.FromDays(7), TimeSpan.FromDays(30));
}
