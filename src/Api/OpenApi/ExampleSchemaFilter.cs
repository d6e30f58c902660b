using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using Veza.Api.Endpoints;
using Veza.Api.Http;
using Veza.Application.Auth;
using Veza.Application.Auth.Commands.Login;
using Veza.Application.Auth.Commands.Logout;
using Veza.Application.Auth.Commands.RefreshSession;
using Veza.Application.Auth.Commands.Register;
using Veza.Application.Auth.Queries.GetTokenClaims;
using Veza.Application.Common.Exceptions;
using Veza.Application.Users;
using Veza.Application.Users.Commands.ChangePassword;
using Veza.Domain.Users;

namespace Veza.Api.OpenApi;

/// <summary>Gives each request and response schema a realistic example, serialized exactly as the API writes it.</summary>
public sealed class ExampleSchemaFilter(IOptions<JsonOptions> json) : ISchemaFilter
{
    private static readonly Guid UserId = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-2b3c4d5e6f70");
    private static readonly Guid SessionId = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-aabbccddeeff");
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly UserDto User = new(UserId, "dj_nova", "nova@example.com", Role.User, Now);

    private static readonly Dictionary<Type, object> Examples = new()
    {
        [typeof(RegisterCommand)] = new RegisterCommand("dj_nova", "nova@example.com", "violet-tape-deck-42"),
        [typeof(LoginCommand)] = new LoginCommand("nova@example.com", "violet-tape-deck-42"),
        [typeof(RefreshSessionCommand)] = new RefreshSessionCommand("q3Yk9d0Xw1u7Jd2cS3bX8vK0pN5mR4tL6zQ1eW9yA2c"),
        [typeof(LogoutCommand)] = new LogoutCommand("q3Yk9d0Xw1u7Jd2cS3bX8vK0pN5mR4tL6zQ1eW9yA2c"),
        [typeof(ChangePasswordCommand)] = new ChangePasswordCommand("violet-tape-deck-42", "amber-reel-to-reel-7"),
        [typeof(UserDto)] = User,
        [typeof(AuthResultDto)] = new AuthResultDto(User, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...", "q3Yk9d0Xw1u7Jd2cS3bX8vK0pN5mR4tL6zQ1eW9yA2c", "Bearer", 900, Now.AddDays(7)),
        [typeof(TokenClaimsDto)] = new TokenClaimsDto(true, UserId, "dj_nova", Role.User, SessionId, Now.AddMinutes(15)),
        [typeof(ApiMeta)] = new ApiMeta("0193a5b27c1e7d3a9f102b3c4d5e6f70", Now, ApiMeta.ApiVersion),
        [typeof(ApiError)] = new ApiError(ErrorCodes.Validation, "One or more fields are invalid.", [new FieldError("email", "Email is not a valid address.")]),
        [typeof(FieldError)] = new FieldError("email", "Email is not a valid address."),
        [typeof(HealthDto)] = new HealthDto("healthy", "1.0.0", 3600, new Dictionary<string, ComponentHealthDto>
        {
            ["database"] = new("healthy", 1.3, null),
            ["redis"] = new("degraded", 500.4, "Redis is unreachable; rate limits and revocations run on this node's fallbacks."),
        }),
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema concrete && Examples.TryGetValue(context.Type, out var example))
        {
            concrete.Examples = [JsonSerializer.SerializeToNode(example, context.Type, json.Value.SerializerOptions)!];
        }
    }
}
