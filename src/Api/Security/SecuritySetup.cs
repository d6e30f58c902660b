using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Veza.Api.Http;
using Veza.Domain.Ports;

namespace Veza.Api.Security;

public static class SecuritySetup
{
    /// <summary>Bearer access tokens (see <see cref="JwtBearerSetup"/>) and the caller they describe, as the use cases see it.</summary>
    public static IServiceCollection AddVezaSecurity(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddAuthorization();
        return services;
    }
}
