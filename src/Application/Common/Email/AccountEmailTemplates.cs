using System.Net;
using Veza.Domain.Ports;

namespace Veza.Application.Common.Email;

/// <summary>
/// The text of every account email, in plain text and HTML. Values a user chose (username, addresses)
/// are HTML-encoded in the HTML body; links are built by <see cref="AccountLinks"/> and encoded too.
/// </summary>
public static class AccountEmailTemplates
{
    /// <param name="link">The emailed link, for the emails that carry one; null for notices.</param>
    /// <param name="newEmail">The address an email change moves to (the change emails only).</param>
    public static EmailMessage Render(SendAccountEmailJob job, string username, string? link, string? newEmail)
    {
        var (subject, lines, action) = job.Email switch
        {
            AccountEmails.EmailVerification => ("Verify your email address",
                new[] { "Please confirm that this address belongs to your Veza account.", "The link works once and expires in 24 hours." },
                "Verify my address"),
            AccountEmails.PasswordReset => ("Reset your password",
                new[] { "Someone (hopefully you) asked to reset the password of your Veza account.", "The link works once and expires in 30 minutes. If you did not ask, ignore this email: your password stays as it is." },
                "Choose a new password"),
            AccountEmails.PasswordResetNotice => ("Your password was reset",
                new[] { "The password of your Veza account was just reset, and every device was signed out.", "If this was not you, reset it again at once and contact support." },
                null),
            AccountEmails.EmailChangeConfirmation => ("Confirm your new email address",
                new[] { $"Please confirm that {newEmail} should become the address of your Veza account.", "The link works once and expires in 24 hours. Until it is used, the account keeps its current address." },
                "Confirm the new address"),
            AccountEmails.EmailChangeNotice => ("Your email address is about to change",
                new[] { "Someone signed in to your Veza account asked to move it to another email address.", "Nothing changes until the link sent to that address is used. If this was not you, change your password now." },
                null),
            AccountEmails.MagicLink => ("Your sign-in link",
                new[] { "Use this link to sign in to Veza without your password.", "The link works once and expires in 15 minutes. If you did not ask for it, ignore this email." },
                "Sign in"),
            AccountEmails.TwoFactorDisabledNotice => ("Two-factor authentication was turned off",
                new[] { "Two-factor authentication was just turned off on your Veza account: your password alone now signs in.", "If this was not you, reset your password at once and turn it back on." },
                null),
            AccountEmails.RecoveryCodesNotice => ("New recovery codes were made",
                new[] { "New two-factor recovery codes were just made for your Veza account; the old ones no longer work.", "If this was not you, reset your password at once." },
                null),
            AccountEmails.ProviderLinkedNotice => ("A sign-in provider was linked to your account",
                new[] { "A Google, GitHub or Discord account was just linked to your Veza account: it can now sign in to it.", "If this was not you, unlink it in your account settings and change your password." },
                null),
            _ => throw new ArgumentOutOfRangeException(nameof(job), job.Email, "Unknown account email."),
        };
        if ((action is null) != (link is null))
        {
            throw new ArgumentException($"The {job.Email} email {(action is null ? "carries no link" : "needs a link")}.", nameof(link));
        }

        var greeting = $"Hello {username},";
        var text = string.Join("\n\n", new[] { greeting }.Concat(lines).Concat(link is null ? [] : [$"{action}: {link}"]).Append("— Veza")) + "\n";
        var html = "<!DOCTYPE html><html><body>"
            + $"<p>{Encode(greeting)}</p>"
            + string.Concat(lines.Select(l => $"<p>{Encode(l)}</p>"))
            + (link is null ? string.Empty : $"<p><a href=\"{Encode(link)}\">{Encode(action!)}</a></p><p>{Encode(link)}</p>")
            + "<p>— Veza</p></body></html>";
        return new EmailMessage(job.To, subject, text, html, job.MessageId);
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
