using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Veza.Application.Common.Jobs;
using Veza.Application.Common.Messaging;
using Veza.Domain.Ports;
using Veza.Domain.Users;
using Veza.Infrastructure.Jobs;
using Veza.Infrastructure.Messaging;
using Veza.Testing;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>Typed integration-event consumers: the inbox against the real PostgreSQL, delivery over the in-process bus and real NATS.</summary>
public class IntegrationEventConsumerTests : MigratedDatabaseFixture
{
    private static readonly ConcurrentQueue<string> Welcomed = new();
    private static int _failuresBeforeSuccess;

    [SetUp]
    public async Task Reset()
    {
        await Database.ResetAsync();
        Welcomed.Clear();
        _failuresBeforeSuccess = 0;
    }

    [Test]
    public async Task A_redelivered_event_is_handled_once()
    {
        await using var node = Node();
        var dispatcher = node.GetRequiredService<IntegrationEventDispatcher>();
        var consumer = dispatcher.FindConsumer(typeof(WelcomeNewUser).FullName!)!;
        var message = Registered("dj_nova");

        var first = await dispatcher.HandleOnceAsync(consumer, message, CancellationToken.None);
        var again = await dispatcher.HandleOnceAsync(consumer, message, CancellationToken.None);

        Assert.That((first, again), Is.EqualTo((true, false)));
        Assert.That(Welcomed, Is.EqualTo(new[] { "dj_nova" }));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM inbox_messages WHERE message_id = @id", ("id", message.Id)), Is.EqualTo(1));
    }

    [Test]
    public async Task Concurrent_deliveries_of_one_event_on_two_nodes_run_the_handler_once()
    {
        await using var first = Node();
        await using var second = Node();
        var message = Registered("dj_nova");
        var attempts = Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? first : second).Select(node =>
        {
            var dispatcher = node.GetRequiredService<IntegrationEventDispatcher>();
            return Task.Run(() => dispatcher.HandleOnceAsync(dispatcher.FindConsumer(typeof(WelcomeNewUser).FullName!)!, message, CancellationToken.None));
        });

        var results = await Task.WhenAll(attempts);

        Assert.That(results.Count(ran => ran), Is.EqualTo(1));
        Assert.That(Welcomed, Is.EqualTo(new[] { "dj_nova" }));
    }

    [Test]
    public async Task Events_published_on_the_in_process_bus_reach_the_consumer_and_duplicates_are_skipped()
    {
        await using var node = Node();
        await node.GetRequiredService<IntegrationEventDispatcher>().StartAsync(CancellationToken.None);
        var bus = node.GetRequiredService<IEventBus>();
        var duplicate = Registered("first_user");

        await bus.PublishAsync(duplicate, CancellationToken.None);
        await bus.PublishAsync(duplicate, CancellationToken.None);
        // One queue per subscriber keeps order: once the last is handled, the duplicate was seen and skipped.
        await bus.PublishAsync(Registered("last_user"), CancellationToken.None);

        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(Welcomed.Contains("last_user"))), Is.True);
        Assert.That(Welcomed, Is.EqualTo(new[] { "first_user", "last_user" }));
        await node.GetRequiredService<IntegrationEventDispatcher>().StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task Across_nodes_on_nats_each_event_reaches_one_instance_of_a_consumer()
    {
        var deployment = InfrastructureHost.NewDeployment();
        await using var first = Node(nats: TestServers.Nats, deployment: deployment);
        await using var second = Node(nats: TestServers.Nats, deployment: deployment);
        await first.GetRequiredService<IntegrationEventDispatcher>().StartAsync(CancellationToken.None);
        await second.GetRequiredService<IntegrationEventDispatcher>().StartAsync(CancellationToken.None);
        var bus = first.GetRequiredService<IEventBus>();
        Assert.That(bus, Is.InstanceOf<NatsEventBus>());
        Assert.That(await Eventually.TrueAsync(async () =>
        {
            // Subscriptions start in the background: publish a probe until one arrives.
            await bus.PublishAsync(Registered("probe"), CancellationToken.None);
            return Welcomed.Contains("probe");
        }), Is.True);
        var names = Enumerable.Range(0, 20).Select(i => $"user_{i}").ToArray();
        foreach (var name in names)
        {
            await bus.PublishAsync(Registered(name), CancellationToken.None);
        }

        // Late probes may still arrive; only the named users count.
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(Welcomed.Count(n => n.StartsWith("user_", StringComparison.Ordinal)) >= names.Length)), Is.True);
        Assert.That(Welcomed.Where(n => n.StartsWith("user_", StringComparison.Ordinal)).Order(), Is.EqualTo(names.Order()), "each once: the queue group gives each event to one node");
        await first.GetRequiredService<IntegrationEventDispatcher>().StopAsync(CancellationToken.None);
        await second.GetRequiredService<IntegrationEventDispatcher>().StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task A_failing_consumer_is_retried_as_a_job_until_it_succeeds_and_only_then_marked_handled()
    {
        _failuresBeforeSuccess = 2;
        await using var node = Node(settings: new Dictionary<string, string?>
        {
            ["Jobs:PollInterval"] = "00:00:00.050",
            ["Jobs:RetryBaseDelay"] = "00:00:00",
        });
        await node.GetRequiredService<IntegrationEventDispatcher>().StartAsync(CancellationToken.None);
        await node.GetRequiredService<JobWorker>().StartAsync(CancellationToken.None);

        var message = Registered("dj_nova");
        await node.GetRequiredService<IEventBus>().PublishAsync(message, CancellationToken.None);

        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(!Welcomed.IsEmpty)), Is.True);
        Assert.That(Welcomed, Is.EqualTo(new[] { "dj_nova" }));
        Assert.That(await Eventually.TrueAsync(async () =>
            await Database.ScalarAsync<string>("SELECT state FROM jobs WHERE kind = 'integration_events.redeliver'") == JobStates.Succeeded), Is.True);
        Assert.That(await Database.ScalarAsync<int>("SELECT attempts FROM jobs"), Is.EqualTo(2), "the first delivery failed, then the job failed once and succeeded");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM inbox_messages"), Is.EqualTo(1));
        await node.GetRequiredService<JobWorker>().StopAsync(CancellationToken.None);
        await node.GetRequiredService<IntegrationEventDispatcher>().StopAsync(CancellationToken.None);
    }

    private ServiceProvider Node(string? nats = null, string? deployment = null, IReadOnlyDictionary<string, string?>? settings = null) =>
        InfrastructureHost.Create(Database, nats: nats, deployment: deployment, settings: settings, configure: s => s.AddIntegrationEventConsumer<UserRegistered, WelcomeNewUser>());

    private static IntegrationMessage Registered(string username)
    {
        var registered = new UserRegistered(Guid.NewGuid(), username, $"{username}@example.com", DateTimeOffset.UtcNow);
        return new IntegrationMessage(Guid.NewGuid(), registered.EventType, MessageJson.Serialize(registered), registered.OccurredAt);
    }

    public sealed class WelcomeNewUser : IIntegrationEventConsumer<UserRegistered>
    {
        public Task Handle(UserRegistered integrationEvent, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref _failuresBeforeSuccess) >= 0)
            {
                throw new InvalidOperationException("mail server down");
            }

            Welcomed.Enqueue(integrationEvent.Username);
            return Task.CompletedTask;
        }
    }
}
