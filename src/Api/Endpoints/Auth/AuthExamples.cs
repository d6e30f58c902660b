using Veza.Api.Endpoints.Users;
using Veza.Api.OpenApi;
using Veza.Application.Auth;
using Veza.Application.Auth.Commands.Login;
using Veza.Application.Auth.Commands.Logout;
using Veza.Application.Auth.Commands.RefreshSession;
using Veza.Application.Auth.Commands.Register;
using Veza.Application.Auth.SignIn;
using Veza.Application.Auth.Queries.GetTokenClaims;
using Veza.Domain.Users;

namespace Veza.Api.Endpoints.Auth;

public sealed class AuthExamples : IOpenApiExamples
{
    public static readonly AuthResultDto Tokens = new(UserExamples.User, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...", ExampleValues.RefreshToken, "Bearer", 900, ExampleValues.Now.AddDays(7));

    public void AddTo(ExampleTable examples) => examples
        .Add(new RegisterCommand("dj_nova", "nova@example.com", ExampleValues.Password))
        .Add(new LoginCommand("nova@example.com", ExampleValues.Password))
        .Add(new RefreshSessionCommand(ExampleValues.RefreshToken))
        .Add(new LogoutCommand(ExampleValues.RefreshToken))
        .Add(Tokens)
        .Add(SignInResultDto.SignedIn(Tokens))
        .Add(new SessionDto(ExampleValues.SessionId, "Firefox on Linux", "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0", "203.0.113.7",
            ExampleValues.Now.AddDays(-3), ExampleValues.Now.AddMinutes(-5), ExampleValues.Now.AddDays(7), true))
        .Add(new SessionsRevokedDto(2))
        .Add(new LoggedOutDto(true))
        .Add(new TokenClaimsDto(true, ExampleValues.UserId, "dj_nova", Role.User, ExampleValues.SessionId, ExampleValues.Now.AddMinutes(15)));
}
