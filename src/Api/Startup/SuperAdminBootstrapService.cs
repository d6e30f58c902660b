using MediatR;
using Microsoft.Extensions.Options;
using Veza.Application.Users.Commands.EnsureSuperAdmin;

namespace Veza.Api.Startup;

public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap:SuperAdmin";

    public string? Username { get; set; }
    public string? Email { get; set; }

    /// <summary>Only from the environment (Bootstrap__SuperAdmin__Password), never from a committed file.</summary>
    public string? Password { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Username) && !string.IsNullOrWhiteSpace(Email) && !string.IsNullOrWhiteSpace(Password);
}

/// <summary>Creates (or promotes) the configured super admin at start-up, through the same use case rules as everything else.</summary>
public sealed partial class SuperAdminBootstrapService(IServiceScopeFactory scopes, IOptions<BootstrapOptions> options, ILogger<SuperAdminBootstrapService> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var userId = await mediator.Send(new EnsureSuperAdminCommand(settings.Username!, settings.Email!, settings.Password!), cancellationToken);
        LogBootstrapped(logger, settings.Username!, userId);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5200, Level = LogLevel.Information, Message = "Super admin {Username} ensured ({UserId})")]
    private static partial void LogBootstrapped(ILogger logger, string username, Guid userId);
}
