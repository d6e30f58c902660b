using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Veza.Application;
using Veza.Application.Common.Jobs;
using Veza.CrashTestNode;
using Veza.Domain.Ports;
using Veza.Infrastructure;

// A node of the real Infrastructure (job worker included) whose only job kind never finishes, so a
// test can kill it with a job in hand. Arguments: the connection string of a migrated database; then
// optionally "process-tracks <storage root>": the real Application instead (tracks processed with the
// real ffmpeg, one tool process at a time so a test can kill it mid-way).
var processTracks = args.Length >= 3 && args[1] == "process-tracks";
var builder = Host.CreateApplicationBuilder();
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:Veza"] = args[0],
    ["Node:Name"] = "crash-test-node",
    ["Jwt:SigningKey"] = "crash-test-node-signing-key-0123456789abcdef",
    ["Mfa:EncryptionKey"] = "Y3Jhc2gtdGVzdC1ub2RlLW1mYS1rZXktMDEyMzQ1Njc=",
    ["Outbox:RelayEnabled"] = "false",
    ["Jobs:PollInterval"] = "00:00:00.050",
    ["Jobs:LeaseDuration"] = "00:00:03",
    ["Logging:LogLevel:Default"] = "Warning",
});
if (processTracks)
{
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Storage:Root"] = args[2],
        ["Media:MaxAudioProcesses"] = "1",
    });
}

builder.Services.AddSingleton<ICurrentUser, NoCaller>();
builder.Services.AddInfrastructure(builder.Configuration);
if (processTracks)
{
    builder.Services.AddApplication();
}
else
{
    builder.Services.AddJobHandler<MasterTrack, NeverFinishes>();
}

await builder.Build().RunAsync();

namespace Veza.CrashTestNode
{
    /// <summary>The job the test enqueues; its handler here announces itself and then never returns.</summary>
    public sealed record MasterTrack(int TrackNumber) : Veza.Domain.Common.IJob
    {
        public string Kind => "tests.master_track";
    }

    public sealed class NeverFinishes : IJobHandler<MasterTrack>
    {
        public async Task Handle(MasterTrack job, CancellationToken cancellationToken)
        {
            await Console.Out.WriteLineAsync($"started {job.TrackNumber}");
            await Console.Out.FlushAsync(cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    internal sealed class NoCaller : ICurrentUser
    {
        public bool IsAuthenticated => false;
        public Guid? UserId => null;
        public string? Username => null;
        public Veza.Domain.Users.Role? Role => null;
        public Guid? SessionId => null;
        public DateTimeOffset? AccessTokenExpiresAt => null;
        public string? IpAddress => null;
        public string? UserAgent => null;
    }
}
