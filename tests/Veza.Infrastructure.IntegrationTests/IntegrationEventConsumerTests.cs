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
using Veza.TestKit;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>Typed integration-event consumers against the real PostgreSQL: delivery jobs stored by the relay, the inbox, retries.</summary>
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
        var dispatcher = node.GetRequiredService<IntegrationEventDelivery>();
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
            var dispatcher = node.GetRequiredService<IntegrationEventDelivery>();
            return Task.Run(() => dispatcher.HandleOnceAsync(dispatcher.FindConsumer(typeof(WelcomeNewUser).FullName!)!, message, CancellationToken.None));
        });

        var results = await Task.WhenAll(attempts);

        Assert.That(results.Count(ran => ran), Is.EqualTo(1));
        Assert.That(Welcomed, Is.EqualTo(new[] { "dj_nova" }));
    }

    [Test]
    public async Task A_committed_event_reaches_its_consumer_without_the_broker_and_a_second_run_changes_nothing()
    {
        await using var node = Node();
        await RegisterAsync(node, "dj_nova");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'integration_events.deliver'"), Is.EqualTo(1), "stored with the event");

        await node.GetRequiredService<JobWorker>().StartAsync(CancellationToken.None);
        Assert.That(await Eventually.TrueAsync(async () => await Database.ScalarAsync<string>("SELECT state FROM jobs") == JobStates.Succeeded), Is.True);

        // As if the node died after the consumer committed but before the job was marked done.
        await Database.ScalarAsync<int>("UPDATE jobs SET state = 'pending', completed_at = NULL RETURNING 1");
        Assert.That(await Eventually.TrueAsync(async () => await Database.ScalarAsync<string>("SELECT state FROM jobs") == JobStates.Succeeded), Is.True);

        Assert.That(Welcomed, Is.EqualTo(new[] { "dj_nova" }));
        Assert.That(await Database.ScalarAsync<int>("SELECT attempts FROM jobs"), Is.EqualTo(2), "it did run twice");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM inbox_messages"), Is.EqualTo(1));
        await node.GetRequiredService<JobWorker>().StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task An_event_nothing_consumes_creates_no_delivery()
    {
        await using var node = InfrastructureHost.Create(Database);
        await RegisterAsync(node, "dj_nova");

        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM jobs"), Is.Zero);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_failing_consumer_is_retried_until_it_succeeds_and_only_then_marked_handled()
    {
        _failuresBeforeSuccess = 2;
        await using var node = Node();
        await RegisterAsync(node, "dj_nova");

        await node.GetRequiredService<JobWorker>().StartAsync(CancellationToken.None);

        Assert.That(await Eventually.TrueAsync(async () => await Database.ScalarAsync<string>("SELECT state FROM jobs") == JobStates.Succeeded), Is.True);
        Assert.That(Welcomed, Is.EqualTo(new[] { "dj_nova" }));
        Assert.That(await Database.ScalarAsync<int>("SELECT attempts FROM jobs"), Is.EqualTo(3));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM inbox_messages"), Is.EqualTo(1));
        await node.GetRequiredService<JobWorker>().StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task A_consumers_own_unit_of_work_commits_with_its_inbox_row()
    {
        await using var node = Node(s => s.AddIntegrationEventConsumer<UserRegistered, ReserveFanName>());
        var delivery = node.GetRequiredService<IntegrationEventDelivery>();

        var ran = await delivery.HandleOnceAsync(delivery.FindConsumer(typeof(ReserveFanName).FullName!)!, Registered("dj_nova"), CancellationToken.None);

        Assert.That(ran, Is.True);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM users WHERE username = 'fan_of_dj_nova'"), Is.EqualTo(1));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM inbox_messages"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_consumer_that_swallows_the_failure_of_its_own_unit_of_work_cannot_commit_half_of_it()
    {
        _failuresBeforeSuccess = 1;
        await using var node = Node(s => s.AddIntegrationEventConsumer<UserRegistered, ReserveFanName>());
        var delivery = node.GetRequiredService<IntegrationEventDelivery>();

        var error = Assert.CatchAsync(() => delivery.HandleOnceAsync(delivery.FindConsumer(typeof(ReserveFanName).FullName!)!, Registered("dj_nova"), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("must roll back"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM users"), Is.Zero, "the inner unit's user was not saved");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM inbox_messages"), Is.Zero, "so the event is not marked handled");
    }

    [Test]
    public async Task Delivery_on_a_node_that_does_not_know_the_consumer_fails_so_another_node_can_run_it()
    {
        await using var node = InfrastructureHost.Create(Database, settings: FastJobs);
        var job = DeliverIntegrationEvent.For("Some.Newer.Consumer", Registered("dj_nova"));

        Assert.ThrowsAsync<InvalidOperationException>(() => new DeliverIntegrationEventJobHandler(node.GetRequiredService<IntegrationEventDelivery>()).Handle(job, CancellationToken.None));
    }

    private static readonly IReadOnlyDictionary<string, string?> FastJobs = new Dictionary<string, string?>
    {
        ["Jobs:PollInterval"] = "00:00:00.050",
        ["Jobs:RetryBaseDelay"] = "00:00:00",
    };

    /// <summary>Registers users through the unit of work, as the use case does: the event goes to the outbox.</summary>
    private static async Task RegisterAsync(IServiceProvider provider, string username)
    {
        await using var scope = provider.CreateAsyncScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        await using var transaction = await unitOfWork.BeginTransactionAsync(CancellationToken.None);
        scope.ServiceProvider.GetRequiredService<IUserRepository>().Add(User.Register(username, $"{username}@example.com", "h", DateTimeOffset.UtcNow));
        foreach (var domainEvent in unitOfWork.TakeDomainEvents().OfType<Domain.Common.IIntegrationEvent>())
        {
            scope.ServiceProvider.GetRequiredService<IOutbox>().Enqueue(domainEvent);
        }

        await unitOfWork.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    private ServiceProvider Node(Action<IServiceCollection>? consumers = null) =>
        InfrastructureHost.Create(Database, settings: FastJobs, configure: consumers ?? (s => s.AddIntegrationEventConsumer<UserRegistered, WelcomeNewUser>()));

    private static IntegrationMessage Registered(string username)
    {
        var registered = new UserRegistered(Guid.NewGuid(), username, $"{username}@example.com", DateTimeOffset.UtcNow);
        return new IntegrationMessage(Guid.NewGuid(), registered.EventType, MessageJson.Serialize(registered), registered.OccurredAt);
    }

    /// <summary>Does its work through a unit of work of its own, as a consumer sending a command would; fails inside it on demand.</summary>
    public sealed class ReserveFanName(IUnitOfWork unitOfWork, IUserRepository users) : IIntegrationEventConsumer<UserRegistered>
    {
        public async Task Handle(UserRegistered integrationEvent, CancellationToken cancellationToken)
        {
            try
            {
                await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
                users.Add(User.Register($"fan_of_{integrationEvent.Username}", $"fan.{integrationEvent.Email}", "h", integrationEvent.OccurredAt));
                await unitOfWork.SaveChangesAsync(cancellationToken);
                if (Interlocked.Decrement(ref _failuresBeforeSuccess) >= 0)
                {
                    throw new InvalidOperationException("rule broken after saving");
                }

                await transaction.CommitAsync(cancellationToken);
            }
            catch (InvalidOperationException)
            {
                // Swallowed on purpose: the outer transaction must still refuse to commit.
            }
        }
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
