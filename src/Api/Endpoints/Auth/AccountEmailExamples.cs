using Veza.Api.OpenApi;
using Veza.Application.Auth;
using Veza.Application.Auth.Commands.ConfirmEmailChange;
using Veza.Application.Auth.Commands.ForgotPassword;
using Veza.Application.Auth.Commands.RequestMagicLink;
using Veza.Application.Auth.Commands.ResetPassword;
using Veza.Application.Auth.Commands.SignInWithMagicLink;
using Veza.Application.Auth.Commands.VerifyEmail;
using Veza.Application.Users.Commands.ChangeEmail;

namespace Veza.Api.Endpoints.Auth;

public sealed class AccountEmailExamples : IOpenApiExamples
{
    private const string Token = "Zr8x1QmW3pT6yN0vB5kD7hJ2cF9gL4sA1eU8oI3nM6q";

    public void AddTo(ExampleTable examples) => examples
        .Add(new VerifyEmailCommand(Token))
        .Add(new ForgotPasswordCommand("nova@example.com"))
        .Add(new ResetPasswordCommand(Token, "amber-reel-to-reel-7"))
        .Add(new ConfirmEmailChangeCommand(Token))
        .Add(new RequestMagicLinkCommand("nova@example.com"))
        .Add(new SignInWithMagicLinkCommand(Token))
        .Add(new ChangeEmailCommand("nova@studio.example", ExampleValues.Password))
        .Add(EmailRequestAcceptedDto.Instance)
        .Add(new EmailAddressDto("nova@example.com", true));
}
