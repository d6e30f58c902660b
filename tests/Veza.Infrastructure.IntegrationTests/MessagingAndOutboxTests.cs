using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Veza.Domain.Ports;
using Veza.Domain.Users;
using Veza.Infrastructure.Messaging;
using Veza.Infrastructure.Observability;
using Veza.Infrastructure.Outbox;
using Veza.Infrastructure.Persistence;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Infrastructure.IntegrationTests;

public class MessagingAndOutboxTests : MigratedDatabaseFixture
{
    [SetUp]
    public Task Reset() => Database.ResetAsync();

    [Test]
    public async Task Nats_delivers_a_published_message_to_a_subscriber_on_another_connection()
    {
        var deployment = InfrastructureHost.NewDeployment();
        await using var publisherNode = InfrastructureHost.Create(Database, nats: TestServers.Nats, deployment: deployment);
        await using var consumerNode = InfrastructureHost.Create(Database, nats: TestServers.Nats, deployment: deployment);
        var publisher = publisherNode.GetRequiredService<IEventBus>();
        var received = new ConcurrentQueue<IntegrationMessage>();
        using var subscription = consumerNode.GetRequiredService<IEventBus>().Subscribe("users.registered", (m, _) =>
        {
            received.Enqueue(m);
            return Task.CompletedTask;
        });
        Assert.That(publisher, Is.InstanceOf<NatsEventBus>());

        var sent = new IntegrationMessage(Guid.NewGuid(), "users.registered", """{"user_id":"42"}""", DateTimeOffset.UtcNow);
        await publisher.PublishAsync(sent, CancellationToken.None);

        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(!received.IsEmpty)), Is.True);
        var got = received.Single();
        Assert.That((got.Id, got.EventType, JsonDocument.Parse(got.Payload).RootElement.GetProperty("user_id").GetString()), Is.EqualTo((sent.Id, sent.EventType, "42")));
    }

    [Test]
    public async Task Publishing_to_an_unreachable_nats_throws_so_the_relay_can_retry()
    {
        using var nats = ServerProcess.Nats();
        await nats.StartAsync();
        await using var node = InfrastructureHost.Create(Database, nats: $"nats://127.0.0.1:{nats.Port}");
        var bus = node.GetRequiredService<IEventBus>();
        await bus.PublishAsync(new IntegrationMessage(Guid.NewGuid(), "x", "{}", DateTimeOffset.UtcNow), CancellationToken.None);

        await nats.StopAsync();

        Assert.CatchAsync(() => bus.PublishAsync(new IntegrationMessage(Guid.NewGuid(), "x", "{}", DateTimeOffset.UtcNow), CancellationToken.None));
    }

    [Test]
    public async Task The_relay_publishes_committed_events_in_order_and_marks_them_sent()
    {
        await using var node = InfrastructureHost.Create(Database);
        var received = new ConcurrentQueue<string>();
        var bus = node.GetRequiredService<IEventBus>();
        using var subscription = bus.Subscribe("users.registered", (m, _) =>
        {
            received.Enqueue(JsonDocument.Parse(m.Payload).RootElement.GetProperty("username").GetString()!);
            return Task.CompletedTask;
        });
        await RegisterAsync(node, "first_user", "second_user", "third_user");

        var published = await node.GetRequiredService<OutboxRelay>().RelayBatchAsync(CancellationToken.None);

        Assert.That(published, Is.EqualTo(3));
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(received.Count == 3)), Is.True);
        Assert.That(received, Is.EqualTo(new[] { "first_user", "second_user", "third_user" }));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"), Is.Zero);
        Assert.That(await node.GetRequiredService<OutboxRelay>().RelayBatchAsync(CancellationToken.None), Is.Zero, "nothing is sent twice");
    }

    [Test]
    public async Task A_slow_subscriber_does_not_hold_the_relay_or_its_transaction()
    {
        await using var node = InfrastructureHost.Create(Database);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new ConcurrentQueue<string>();
        using var slow = node.GetRequiredService<IEventBus>().Subscribe("users.registered", async (m, ct) =>
        {
            await release.Task.WaitAsync(ct);
            received.Enqueue(m.Payload);
        });
        await RegisterAsync(node, "first_user", "second_user");

        var published = await node.GetRequiredService<OutboxRelay>().RelayBatchAsync(CancellationToken.None);

        Assert.That(published, Is.EqualTo(2), "the relay finished while the subscriber is still busy");
        Assert.That(received, Is.Empty);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"), Is.Zero);
        release.SetResult();
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(received.Count == 2)), Is.True);
    }

    [Test]
    public async Task A_failed_publish_blocks_later_events_and_backs_off()
    {
        using var nats = ServerProcess.Nats();
        await nats.StartAsync();
        await using var node = InfrastructureHost.Create(Database, nats: $"nats://127.0.0.1:{nats.Port}");
        await nats.StopAsync();
        await RegisterAsync(node, "first_user", "second_user");

        var before = DateTimeOffset.UtcNow;
        Assert.That(await node.GetRequiredService<OutboxRelay>().RelayBatchAsync(CancellationToken.None), Is.Zero);
        var head = await FirstMessageAsync();
        Assert.That(head.Attempts, Is.EqualTo(1));
        Assert.That(head.NextAttemptAt, Is.GreaterThan(before + TimeSpan.FromMilliseconds(700)), "the first retry waits about a second");
        Assert.That(head.LastError, Is.Not.Empty);
        Assert.That(await node.GetRequiredService<OutboxRelay>().RelayBatchAsync(CancellationToken.None), Is.Zero, "backing off, and order forbids skipping ahead");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE attempts = 0"), Is.EqualTo(1), "the second was not tried");
    }

    [Test]
    public async Task The_relay_catches_up_after_nats_comes_back()
    {
        using var nats = ServerProcess.Nats();
        await nats.StartAsync();
        var url = $"nats://127.0.0.1:{nats.Port}";
        var deployment = InfrastructureHost.NewDeployment();
        await using var node = InfrastructureHost.Create(Database, nats: url, deployment: deployment);
        await using var consumer = InfrastructureHost.Create(Database, nats: url, deployment: deployment);
        var received = new ConcurrentQueue<string>();
        var relay = node.GetRequiredService<OutboxRelay>();
        await node.GetRequiredService<IEventBus>().PublishAsync(new IntegrationMessage(Guid.NewGuid(), "warm.up", "{}", DateTimeOffset.UtcNow), CancellationToken.None);

        await nats.StopAsync();
        await RegisterAsync(node, "first_user", "second_user", "third_user");
        Assert.That(await relay.RelayBatchAsync(CancellationToken.None), Is.Zero);
        Assert.That((await FirstMessageAsync()).Attempts, Is.EqualTo(1));

        await nats.StartAsync();
        using var subscription = consumer.GetRequiredService<IEventBus>().Subscribe("users.registered", (m, _) =>
        {
            received.Enqueue(JsonDocument.Parse(m.Payload).RootElement.GetProperty("username").GetString()!);
            return Task.CompletedTask;
        });
        Assert.That(await Eventually.TrueAsync(async () =>
        {
            await relay.RelayBatchAsync(CancellationToken.None);
            return received.Count >= 3;
        }, TimeSpan.FromSeconds(30)), Is.True, (await FirstMessageAsync()).LastError);

        Assert.That(received.Distinct(), Is.EqualTo(new[] { "first_user", "second_user", "third_user" }));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"), Is.Zero);
    }

    [Test]
    public async Task A_message_nats_will_never_take_is_set_aside_and_the_events_after_it_go_out()
    {
        var deployment = InfrastructureHost.NewDeployment();
        await using var node = InfrastructureHost.Create(Database, nats: TestServers.Nats, deployment: deployment);
        await using var consumer = InfrastructureHost.Create(Database, nats: TestServers.Nats, deployment: deployment);
        var received = new ConcurrentQueue<string>();
        using var subscription = consumer.GetRequiredService<IEventBus>().Subscribe("users.registered", (m, _) =>
        {
            received.Enqueue(JsonDocument.Parse(m.Payload).RootElement.GetProperty("username").GetString()!);
            return Task.CompletedTask;
        });
        // Over the server's max_payload (1 MB by default), ahead of an ordinary event.
        await Database.ScalarAsync<object>(
            "INSERT INTO outbox_messages (message_id, event_type, payload, occurred_at) VALUES (gen_random_uuid(), 'users.registered', jsonb_build_object('username', repeat('x', 1200000)), now())");
        await RegisterAsync(node, "after_user");
        var relay = node.GetRequiredService<OutboxRelay>();

        Assert.That(await relay.RelayBatchAsync(CancellationToken.None), Is.EqualTo(2), "both left the queue: the event behind it was not held back");
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(received.Contains("after_user"))), Is.True);
        var dead = await FirstMessageAsync();
        Assert.Multiple(() =>
        {
            Assert.That(dead.DeadAt, Is.Not.Null);
            Assert.That(dead.SentAt, Is.Null);
            Assert.That(dead.Attempts, Is.EqualTo(1));
            Assert.That(dead.LastError, Does.Contain("max_payload"));
        });

        Assert.That(await relay.RelayBatchAsync(CancellationToken.None), Is.Zero, "a dead letter is not retried");
        Assert.That((await FirstMessageAsync()).Attempts, Is.EqualTo(1));
        await node.GetRequiredService<OperationalStatsProbe>().RefreshAsync(CancellationToken.None);
        var stats = node.GetRequiredService<InfrastructureMetrics>().Snapshot;
        Assert.That((stats.OutboxDeadLetters, stats.OutboxBacklog), Is.EqualTo((1L, 0L)), "counted for its alert, not as backlog");
        Assert.That(received.Count(u => u != "after_user"), Is.Zero);
    }

    private async Task<OutboxMessage> FirstMessageAsync()
    {
        await using var node = InfrastructureHost.Create(Database);
        await using var scope = node.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VezaDbContext>().OutboxMessages.AsNoTracking().OrderBy(m => m.Id).FirstAsync();
    }

    /// <summary>Registers users through the unit of work, one transaction each, as the use case does.</summary>
    private static async Task RegisterAsync(IServiceProvider provider, params string[] usernames)
    {
        foreach (var username in usernames)
        {
            await using var scope = provider.CreateAsyncScope();
            var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
            var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
            await using var transaction = await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            scope.ServiceProvider.GetRequiredService<IUserRepository>().Add(User.Register(username, $"{username}@example.com", "h", DateTimeOffset.UtcNow));
            foreach (var domainEvent in unitOfWork.TakeDomainEvents().OfType<Domain.Common.IIntegrationEvent>())
            {
                outbox.Enqueue(domainEvent);
            }

            await unitOfWork.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
    }
}
