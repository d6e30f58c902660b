using MediatR;
using Veza.Application.Auth.AccountTokens;
using Veza.Application.Common.Email;
using Veza.Domain.AccountTokens;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Auth.Commands.PrepareAccountEmail;

public sealed class PrepareAccountEmailCommandHandler(IUserRepository users, AccountTokenService tokens, AccountLinks links)
    : IRequestHandler<PrepareAccountEmailCommand, EmailMessage?>
{
    public async Task<EmailMessage?> Handle(PrepareAccountEmailCommand request, CancellationToken cancellationToken)
    {
        var job = request.Job;
        var user = await users.GetByIdAsync(job.UserId, cancellationToken);
        if (user is null || user.Status == AccountStatus.Deleted || (job.Email == AccountEmails.EmailVerification && user.IsEmailVerified))
        {
            return null;
        }

        // Not audited: the request that queued the email was (register, resend, forgot password...).
        // A retried job issues a new token, which supersedes the one of the failed attempt.
        var link = job.Email switch
        {
            AccountEmails.EmailVerification => links.VerifyEmail(await IssueAsync(AccountTokenPurpose.EmailVerification, null)),
            AccountEmails.PasswordReset => links.ResetPassword(await IssueAsync(AccountTokenPurpose.PasswordReset, null)),
            AccountEmails.EmailChangeConfirmation => links.ConfirmEmailChange(await IssueAsync(AccountTokenPurpose.EmailChange, job.To)),
            AccountEmails.MagicLink => links.MagicLink(await IssueAsync(AccountTokenPurpose.MagicLink, null)),
            _ => null,
        };
        var newEmail = job.Email == AccountEmails.EmailChangeConfirmation ? job.To : null;
        return AccountEmailTemplates.Render(job, user.Username, link, newEmail);

        async Task<string> IssueAsync(AccountTokenPurpose purpose, string? payload) =>
            (await tokens.IssueAsync(user.Id, purpose, payload, cancellationToken)).Secret;
    }
}
