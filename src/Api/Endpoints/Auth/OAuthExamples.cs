using Veza.Api.OpenApi;
using Veza.Application.Auth.OAuth;
using Veza.Application.Auth.OAuth.Commands.ExchangeOAuthLoginCode;

namespace Veza.Api.Endpoints.Auth;

public sealed class OAuthExamples : IOpenApiExamples
{
    public void AddTo(ExampleTable examples) => examples
        .Add(new OAuthStartDto("https://accounts.google.com/o/oauth2/v2/auth?response_type=code&client_id=1234.apps.googleusercontent.com&redirect_uri=https%3A%2F%2Fapi.veza.example%2Fapi%2Fv1%2Fauth%2Foauth%2Fgoogle%2Fcallback&scope=openid%20email%20profile&state=Xb3...&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256", "q8Vt1nRk5sXw3mZb7cJd0fLh2pGy9aEu4iOo6rTs1vN"))
        .Add(new ExchangeOAuthLoginCodeCommand("h7Qw2mZr0cT5yN8vB1xK4pD6fG9jL3sA0eU2iO5rW7q", "q8Vt1nRk5sXw3mZb7cJd0fLh2pGy9aEu4iOo6rTs1vN"));
}
