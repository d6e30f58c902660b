namespace Veza.Domain.Mfa;

public interface IMfaEnrolmentRepository
{
    /// <summary>
    /// The user's enrolment (pending or on), held until the unit of work commits: every check of a code
    /// runs under this lock, so two concurrent uses of one code or one recovery code cannot both win.
    /// </summary>
    Task<MfaEnrolment?> HoldAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>True when the user has a second factor on (read only, for sign-in and the admin rule).</summary>
    Task<bool> IsEnabledAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>The status a user reads: on or not, and how many recovery codes are left; null when never set up.</summary>
    Task<MfaStatus?> GetStatusAsync(Guid userId, CancellationToken cancellationToken);

    void Add(MfaEnrolment enrolment);

    void Remove(MfaEnrolment enrolment);
}

public sealed record MfaStatus(bool Enabled, DateTimeOffset? EnabledAt, int RecoveryCodesLeft);
