using Veza.Api.OpenApi;
using Veza.Application.Auth.TwoFactor;
using Veza.Application.Auth.TwoFactor.Commands.ConfirmTwoFactor;
using Veza.Application.Auth.TwoFactor.Commands.DisableTwoFactor;
using Veza.Application.Auth.TwoFactor.Commands.RegenerateRecoveryCodes;
using Veza.Application.Auth.TwoFactor.Commands.SetUpTwoFactor;
using Veza.Application.Auth.TwoFactor.Commands.VerifyTwoFactor;

namespace Veza.Api.Endpoints.Auth;

public sealed class TwoFactorExamples : IOpenApiExamples
{
    private const string Secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    private const string MfaToken = "b7Fq2mX9cV4tR1wK8zN3pL6dS0hJ5gY2aE7uQ4iO1rT";

    private static readonly string[] Codes =
    [
        "k3xq7m-2vbn4p-qa5wzr-h6tj3e", "p7d2fs-m4ka6q-xe3nv5-r2wbh7", "z6y3nc-q2tm5a-b7vk4e-w3hr6s", "a4g7hx-n3pq2m-t6ve5w-k7cy2d", "m2rw6b-e5xk3t-q4ny7a-v6hp3z",
        "t5qe3k-w7hb2n-c4xm6r-y3pa5g", "h3nv7z-b6ae2q-r5tw4k-m7xc3d", "e6kp2w-y3rn5v-a7qh4b-z2mt6x", "c7xb4m-t2we6k-n5ra3q-h4vy7p", "w4ta5r-k6mq3y-e2bz7n-x5hc4v",
    ];

    public void AddTo(ExampleTable examples) => examples
        .Add(new SetUpTwoFactorCommand(ExampleValues.Password))
        .Add(new TwoFactorSetupDto(Secret, SetUpTwoFactorCommandHandler.OtpauthUri("dj_nova", Secret), "iVBORw0KGgoAAAANSUhEUgAAAP..."))
        .Add(new ConfirmTwoFactorCommand("492039"))
        .Add(new RecoveryCodesDto(Codes))
        .Add(new VerifyTwoFactorCommand(MfaToken, "492039"))
        .Add(new DisableTwoFactorCommand(ExampleValues.Password, "492039"))
        .Add(new RegenerateRecoveryCodesCommand("492039"))
        .Add(new TwoFactorStatusDto(true, false, ExampleValues.Now, 10));
}
