namespace Veza.Domain.Ports;

/// <summary>
/// One email, rendered: plain text and HTML bodies of the same content. <see cref="MessageId"/> is
/// chosen when the email is queued, so every attempt to send it carries the same Message-ID.
/// </summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody, Guid MessageId);

/// <summary>Hands an email to the mail system (SMTP, or the log in development). Throws when it could not: the caller retries.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
