using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Common.Email;

/// <summary>Queues account emails in the current unit of work (they exist only if the command commits).</summary>
public sealed class AccountMailer(IJobScheduler jobs, IClock clock)
{
    public void Queue(User user, string email, string? to = null)
    {
        if (!AccountEmails.All.Contains(email))
        {
            throw new ArgumentOutOfRangeException(nameof(email), email, "Unknown account email.");
        }

        jobs.Enqueue(new SendAccountEmailJob(Guid.CreateVersion7(clock.UtcNow), user.Id, email, to ?? user.Email));
    }
}
