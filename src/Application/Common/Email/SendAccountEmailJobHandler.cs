using MediatR;
using Veza.Application.Auth.Commands.PrepareAccountEmail;
using Veza.Application.Common.Jobs;
using Veza.Domain.Ports;

namespace Veza.Application.Common.Email;

/// <summary>
/// Prepares the email (in a transaction of its own, which issues and commits the link's token) and hands
/// it to the sender. A failure is retried by the job worker with backoff; at least once, so a crash
/// between the hand-over and the job's outcome sends it again with the same Message-ID.
/// </summary>
public sealed class SendAccountEmailJobHandler(IMediator mediator, IEmailSender sender) : IJobHandler<SendAccountEmailJob>
{
    public async Task Handle(SendAccountEmailJob job, CancellationToken cancellationToken)
    {
        if (await mediator.Send(new PrepareAccountEmailCommand(job), cancellationToken) is { } message)
        {
            await sender.SendAsync(message, cancellationToken);
        }
    }
}
