using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.Email;

/// <summary>
/// The development sink (Email:Transport log, the default): writes each email to the log instead of
/// sending it, so a developer running build/run.sh copies the link from the console. The plain-text
/// body, link included, IS logged: this transport is for a machine of one's own, never for production
/// (it warns once when used in Production; docs/decisions/0015).
/// </summary>
internal sealed partial class LogEmailSender(ILogger<LogEmailSender> logger, IHostEnvironment environment) : IEmailSender
{
    private int _warned;

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        if (environment.IsProduction() && Interlocked.Exchange(ref _warned, 1) == 0)
        {
            LogNotForProduction(logger);
        }

        LogEmail(logger, message.To, message.Subject, message.MessageId, message.TextBody);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 3400, Level = LogLevel.Information, Message = "Email (log transport, not sent) to {To}: {Subject} [{MessageId}]\n{TextBody}")]
    private static partial void LogEmail(ILogger logger, string to, string subject, Guid messageId, string textBody);

    [LoggerMessage(EventId = 3401, Level = LogLevel.Warning, Message = "Email:Transport is 'log' in Production: emails are written to the log (one-time links included) and never sent. Set Email:Transport to smtp.")]
    private static partial void LogNotForProduction(ILogger logger);
}
