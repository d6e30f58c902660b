using Veza.Domain.Common;

namespace Veza.Application.Common.Email;

/// <summary>The account emails the platform sends; each name picks a template and, for a link, the token purpose.</summary>
public static class AccountEmails
{
    public const string EmailVerification = "email_verification";
    public const string PasswordReset = "password_reset";
    public const string PasswordResetNotice = "password_reset_notice";
    public const string EmailChangeConfirmation = "email_change_confirmation";
    public const string EmailChangeNotice = "email_change_notice";
    public const string MagicLink = "magic_link";
    public const string TwoFactorDisabledNotice = "two_factor_disabled_notice";
    public const string RecoveryCodesNotice = "recovery_codes_notice";
    public const string ProviderLinkedNotice = "provider_linked_notice";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        EmailVerification, PasswordReset, PasswordResetNotice, EmailChangeConfirmation, EmailChangeNotice, MagicLink,
        TwoFactorDisabledNotice, RecoveryCodesNotice, ProviderLinkedNotice,
    };
}

/// <summary>
/// Sends one account email. Queued in the transaction of the command that asked for it, so a rollback
/// sends nothing and a crash after the commit still sends. It carries no secret: a link's token is
/// issued when the email is prepared (docs/decisions/0015). <see cref="MessageId"/> is fixed at queueing,
/// so every attempt of this job sends the same Message-ID.
/// </summary>
/// <param name="To">The recipient, fixed when queued (a change-of-address notice goes to the old address).</param>
/// <remarks>
/// Twelve attempts, 5 s doubling to the one-hour cap: about three and a half hours of retries, so an SMTP
/// outage of that long delays an email and does not lose it.
/// </remarks>
[Jobs.JobDefaults(MaxAttempts = 12)]
public sealed record SendAccountEmailJob(Guid MessageId, Guid UserId, string Email, string To) : IJob
{
    public string Kind => "email.send";
}
