using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.Email;

/// <summary>
/// Sends through an SMTP server with <see cref="SmtpClient"/> (MailKit does not restore here): a
/// multipart/alternative message (plain text, then HTML) whose Message-ID is fixed by the queued job,
/// so a retried send is the same message. Logs nothing: a body holds a one-time link. Retries are the
/// job worker's (with backoff), so a failure is simply thrown.
/// </summary>
internal sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var mail = Compose(message, settings);
        using var client = new SmtpClient(settings.Smtp.Host, settings.Smtp.Port)
        {
            EnableSsl = settings.Smtp.EnableTls,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = (int)settings.Smtp.Timeout.TotalMilliseconds,
        };
        if (!string.IsNullOrEmpty(settings.Smtp.Username))
        {
            client.Credentials = new NetworkCredential(settings.Smtp.Username, settings.Smtp.Password);
        }

        await client.SendMailAsync(mail, cancellationToken);
    }

    /// <summary>The message as it goes on the wire (public for the adapter's tests).</summary>
    public static MailMessage Compose(EmailMessage message, EmailOptions settings)
    {
        var from = new MailAddress(settings.FromAddress, settings.FromName);
        var mail = new MailMessage
        {
            From = from,
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        mail.To.Add(new MailAddress(message.To));
        mail.Headers.Add("Message-ID", MessageIdFor(message.MessageId, from.Host));
        // Automated mail: no vacation replies (RFC 3834).
        mail.Headers.Add("Auto-Submitted", "auto-generated");
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.TextBody, Encoding.UTF8, MediaTypeNames.Text.Plain));
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.HtmlBody, Encoding.UTF8, MediaTypeNames.Text.Html));
        return mail;
    }

    public static string MessageIdFor(Guid messageId, string domain) => $"<{messageId:N}@{domain}>";
}
