using Veza.Api.OpenApi;
using Veza.Application.Users;
using Veza.Application.Users.Commands.ChangePassword;
using Veza.Domain.Users;

namespace Veza.Api.Endpoints.Users;

public sealed class UserExamples : IOpenApiExamples
{
    /// <summary>Also inside other features' examples (the auth result carries the user).</summary>
    public static readonly UserDto User = new(ExampleValues.UserId, "dj_nova", "nova@example.com", true, Role.User, ExampleValues.Now);

    public void AddTo(ExampleTable examples) => examples
        .Add(new ChangePasswordCommand(ExampleValues.Password, "amber-reel-to-reel-7"))
        .Add(User)
        .Add(new PasswordChangedDto(true));
}
