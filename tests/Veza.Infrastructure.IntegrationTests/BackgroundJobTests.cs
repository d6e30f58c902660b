using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Veza.Application.Common.Jobs;
using Veza.Domain.Common;
using Veza.Domain.Ports;
using Veza.Infrastructure;
using Veza.Infrastructure.Jobs;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>The jobs table and its worker against the real PostgreSQL, with one or two nodes (service providers) sharing it.</summary>
public class BackgroundJobTests : MigratedDatabaseFixture
{
    private static readonly ConcurrentQueue<int> Ran = new();
    private static volatile int _failuresBeforeSuccess;
    private static TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static readonly ConcurrentQueue<string> GivenUp = new();
    private static volatile int _givenUpFailures;

    [SetUp]
    public async Task Reset()
    {
        await Database.ResetAsync();
        Ran.Clear();
        GivenUp.Clear();
        _givenUpFailures = 0;
        _failuresBeforeSuccess = 0;
        _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [Test]
    public async Task A_job_enqueued_in_a_committed_transaction_runs_once_and_succeeds()
    {
        await using var node = Node();
        await EnqueueAsync(node, new RecordJob(7));

        await StartWorkerAsync(node);

        Assert.That(await Eventually.TrueAsync(async () => await StateOfAsync(7) == JobStates.Succeeded), Is.True);
        Assert.That(Ran, Is.EqualTo(new[] { 7 }));
        Assert.That(await Database.ScalarAsync<int>("SELECT attempts FROM jobs"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_job_enqueued_in_a_transaction_that_rolls_back_does_not_exist()
    {
        await using var node = Node();
        await using (var scope = node.CreateAsyncScope())
        {
            var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
            await using var transaction = await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            scope.ServiceProvider.GetRequiredService<IJobScheduler>().Enqueue(new RecordJob(1));
            await unitOfWork.SaveChangesAsync(CancellationToken.None);
        }

        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM jobs"), Is.Zero);
    }

    [Test]
    public async Task Two_workers_never_run_the_same_job()
    {
        var settings = new Dictionary<string, string?> { ["Jobs:Kinds:tests.record:MaxParallelism"] = "4" };
        await using var first = Node(settings: settings);
        await using var second = Node(settings: settings);
        for (var n = 0; n < 60; n++)
        {
            await EnqueueAsync(first, new RecordJob(n, DelayMs: 5));
        }

        await StartWorkerAsync(first);
        await StartWorkerAsync(second);

        Assert.That(await Eventually.TrueAsync(async () => await Database.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE state = 'succeeded'") == 60, TimeSpan.FromSeconds(60)), Is.True);
        Assert.That(Ran.Order(), Is.EqualTo(Enumerable.Range(0, 60)), "each job ran exactly once");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE attempts <> 1"), Is.Zero);
    }

    [Test]
    public async Task A_job_held_by_a_node_that_died_runs_again_once_its_lease_runs_out()
    {
        var clock = new ManualClock();
        var lease = TimeSpan.FromMinutes(2);
        await using var survivor = Node(clock);
        await EnqueueAsync(survivor, new RecordJob(42));
        // What a killed node leaves behind: the claim, its lease, and never an outcome.
        await using (var dead = Node(clock))
        {
            var claimed = await dead.GetRequiredService<JobStore>().ClaimAsync("tests.record", 1, clock.UtcNow, clock.UtcNow + lease, [], CancellationToken.None);
            Assert.That(claimed, Has.Count.EqualTo(1));
        }

        var worker = survivor.GetRequiredService<JobWorker>();
        Assert.That(await worker.ClaimAndStartAsync(CancellationToken.None), Is.Empty, "the lease still holds");

        clock.Advance(lease + TimeSpan.FromSeconds(1));
        var runs = await worker.ClaimAndStartAsync(CancellationToken.None);
        await Task.WhenAll(runs);

        Assert.That(runs, Has.Count.EqualTo(1));
        Assert.That(Ran, Is.EqualTo(new[] { 42 }));
        Assert.That(await StateOfAsync(42), Is.EqualTo(JobStates.Succeeded));
        Assert.That(await Database.ScalarAsync<int>("SELECT attempts FROM jobs"), Is.EqualTo(2));
    }

    [Test]
    public async Task A_job_whose_node_is_killed_mid_run_completes_on_another_node()
    {
        await using var survivor = InfrastructureHost.Create(Database, settings: new Dictionary<string, string?>
        {
            ["Jobs:PollInterval"] = "00:00:00.050",
            ["Jobs:LeaseDuration"] = "00:00:03",
        }, configure: s => s.AddJobHandler<CrashTestNode.MasterTrack, FinishMastering>());
        await EnqueueAsync(survivor, new CrashTestNode.MasterTrack(11));
        using var doomed = CrashTestNodeProcess.Start(Database.ConnectionString);
        Assert.That(await doomed.WaitForLineAsync("started 11", TimeSpan.FromSeconds(60)), Is.True, doomed.Output);

        doomed.Kill();
        Assert.That(await Database.ScalarAsync<string>("SELECT state FROM jobs"), Is.EqualTo(JobStates.Running), "the dead node left its claim");
        Assert.That(await Database.ScalarAsync<string>("SELECT claimed_by FROM jobs"), Does.StartWith("crash-test-node."), "the row names the node that held it");

        await StartWorkerAsync(survivor);

        Assert.That(await Eventually.TrueAsync(async () => await Database.ScalarAsync<string>("SELECT state FROM jobs") == JobStates.Succeeded), Is.True);
        Assert.That(Ran, Is.EqualTo(new[] { 11 }));
        Assert.That(await Database.ScalarAsync<int>("SELECT attempts FROM jobs"), Is.EqualTo(2));
        Assert.That(await Database.ScalarAsync<string>("SELECT claimed_by FROM jobs"), Is.EqualTo(survivor.GetRequiredService<NodeIdentity>().Id));
    }

    [Test]
    public async Task A_job_that_outlives_its_lease_keeps_it_by_renewal_and_runs_on_one_node_only()
    {
        var settings = new Dictionary<string, string?> { ["Jobs:LeaseDuration"] = "00:00:00.600" };
        await using var first = Node(settings: settings);
        await using var second = Node(settings: settings);
        await EnqueueAsync(first, new RecordJob(1, DelayMs: 2500));

        await StartWorkerAsync(first);
        Assert.That(await Eventually.TrueAsync(async () => await StateOfAsync(1) == JobStates.Running), Is.True);
        await StartWorkerAsync(second);

        Assert.That(await Eventually.TrueAsync(async () => await StateOfAsync(1) == JobStates.Succeeded), Is.True);
        Assert.That(Ran, Is.EqualTo(new[] { 1 }));
        Assert.That(await Database.ScalarAsync<int>("SELECT attempts FROM jobs"), Is.EqualTo(1), "four leases' worth of running, one claim");
    }

    [Test]
    public async Task A_worker_whose_lease_was_taken_over_cannot_record_an_outcome()
    {
        var clock = new ManualClock();
        await using var node = Node(clock);
        await EnqueueAsync(node, new RecordJob(1));
        var store = node.GetRequiredService<JobStore>();
        var stale = (await store.ClaimAsync("tests.record", 1, clock.UtcNow, clock.UtcNow + TimeSpan.FromSeconds(10), [], CancellationToken.None)).Single();
        clock.Advance(TimeSpan.FromSeconds(11));
        var current = (await store.ClaimAsync("tests.record", 1, clock.UtcNow, clock.UtcNow + TimeSpan.FromSeconds(10), [], CancellationToken.None)).Single();

        Assert.That(await store.CompleteAsync(stale, clock.UtcNow, CancellationToken.None), Is.False);
        Assert.That(await store.BuryAsync(stale, "late", clock.UtcNow, CancellationToken.None), Is.False);
        Assert.That(await store.RenewLeaseAsync(stale, clock.UtcNow, clock.UtcNow + TimeSpan.FromSeconds(10), CancellationToken.None), Is.False);
        Assert.That(await StateOfAsync(1), Is.EqualTo(JobStates.Running));
        Assert.That(await store.CompleteAsync(current, clock.UtcNow, CancellationToken.None), Is.True);
        Assert.That(await StateOfAsync(1), Is.EqualTo(JobStates.Succeeded));
    }

    [Test]
    public async Task The_purge_deletes_what_is_done_and_older_than_the_retention_and_keeps_the_rest()
    {
        await using var node = Node();
        var now = DateTimeOffset.UtcNow;
        // Sent long ago, sent lately, unsent, and a dead letter long ago.
        foreach (var (sent, dead) in new (string, string)[] { ("now() - interval '8 days'", "NULL"), ("now() - interval '1 day'", "NULL"), ("NULL", "NULL"), ("NULL", "now() - interval '8 days'") })
        {
            await Database.ScalarAsync<object>(
                $"INSERT INTO outbox_messages (message_id, event_type, payload, occurred_at, sent_at, dead_at) VALUES (gen_random_uuid(), 'x', '{{}}', now() - interval '9 days', {sent}, {dead})");
        }

        await node.GetRequiredService<JobStore>().PurgeAsync(now - TimeSpan.FromDays(7), CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages"), Is.EqualTo(3), "only the message sent 8 days ago goes");
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE sent_at < now() - interval '7 days'"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE dead_at IS NOT NULL"), Is.EqualTo(1), "a dead letter waits for a person");
        });
    }

    [Test]
    public async Task A_failed_job_waits_out_its_backoff_before_anyone_claims_it_again()
    {
        _failuresBeforeSuccess = 1;
        var clock = new ManualClock();
        await using var node = Node(clock, new Dictionary<string, string?> { ["Jobs:RetryBaseDelay"] = "00:00:10" });
        await EnqueueAsync(node, new RecordJob(4));
        var worker = node.GetRequiredService<JobWorker>();

        await Task.WhenAll(await worker.ClaimAndStartAsync(CancellationToken.None));
        var runAfter = await Database.ScalarAsync<DateTime>("SELECT run_after FROM jobs");
        Assert.That(new DateTimeOffset(runAfter, TimeSpan.Zero) - clock.UtcNow, Is.InRange(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(12)));
        clock.Advance(TimeSpan.FromSeconds(7));
        Assert.That(await worker.ClaimAndStartAsync(CancellationToken.None), Is.Empty, "still backing off");

        clock.Advance(TimeSpan.FromSeconds(6));
        await Task.WhenAll(await worker.ClaimAndStartAsync(CancellationToken.None));

        Assert.That(await StateOfAsync(4), Is.EqualTo(JobStates.Succeeded));
        Assert.That(Ran, Is.EqualTo(new[] { 4 }));
    }

    [Test]
    public async Task A_job_whose_leases_keep_running_out_is_dead_once_its_attempts_are_spent()
    {
        var clock = new ManualClock();
        var lease = TimeSpan.FromSeconds(10);
        await using var node = Node(clock, new Dictionary<string, string?> { ["Jobs:Kinds:tests.record:MaxAttempts"] = "2" });
        await EnqueueAsync(node, new RecordJob(6));
        var store = node.GetRequiredService<JobStore>();
        // Two nodes in turn die holding it (it kills whatever runs it).
        for (var i = 0; i < 2; i++)
        {
            Assert.That(await store.ClaimAsync("tests.record", 1, clock.UtcNow, clock.UtcNow + lease, [], CancellationToken.None), Has.Count.EqualTo(1));
            clock.Advance(lease + TimeSpan.FromSeconds(1));
        }

        await Task.WhenAll(await node.GetRequiredService<JobWorker>().ClaimAndStartAsync(CancellationToken.None));

        Assert.That(await StateOfAsync(6), Is.EqualTo(JobStates.Dead));
        Assert.That(await Database.ScalarAsync<string>("SELECT last_error FROM jobs"), Does.Contain("lease ran out 2 times"));
        Assert.That(Ran, Is.Empty, "not run a third time");
    }

    [Test]
    public async Task A_poison_job_ends_dead_with_its_error_after_its_attempts()
    {
        _failuresBeforeSuccess = int.MaxValue;
        await using var node = Node(settings: new Dictionary<string, string?> { ["Jobs:Kinds:tests.record:MaxAttempts"] = "3" });
        await EnqueueAsync(node, new RecordJob(5));

        await StartWorkerAsync(node);

        Assert.That(await Eventually.TrueAsync(async () => await StateOfAsync(5) == JobStates.Dead), Is.True);
        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<int>("SELECT attempts FROM jobs"), Is.EqualTo(3));
            Assert.That(await Database.ScalarAsync<string>("SELECT last_error FROM jobs"), Does.Contain("tape snapped"));
            Assert.That(await Database.ScalarAsync<bool>("SELECT completed_at IS NOT NULL AND lease_until IS NULL FROM jobs"), Is.True);
            Assert.That(Ran, Is.Empty);
        });
    }

    [Test]
    public async Task A_job_given_up_runs_its_given_up_handler_once_with_the_last_error_before_it_is_dead()
    {
        _failuresBeforeSuccess = int.MaxValue;
        await using var node = Node(settings: new Dictionary<string, string?> { ["Jobs:Kinds:tests.record:MaxAttempts"] = "2" });
        await EnqueueAsync(node, new RecordJob(12));

        await StartWorkerAsync(node);

        Assert.That(await Eventually.TrueAsync(async () => await StateOfAsync(12) == JobStates.Dead), Is.True);
        Assert.That(GivenUp, Is.EqualTo(new[] { "12: InvalidOperationException: tape snapped" }));
        Assert.That(await Database.ScalarAsync<int>("SELECT attempts FROM jobs"), Is.EqualTo(2));
    }

    [Test]
    public async Task A_given_up_handler_that_fails_leaves_the_job_to_be_given_up_again_later()
    {
        _failuresBeforeSuccess = int.MaxValue;
        _givenUpFailures = 1;
        await using var node = Node(settings: new Dictionary<string, string?> { ["Jobs:Kinds:tests.record:MaxAttempts"] = "1" });
        await EnqueueAsync(node, new RecordJob(13));

        await StartWorkerAsync(node);

        Assert.That(await Eventually.TrueAsync(async () => await StateOfAsync(13) == JobStates.Dead), Is.True);
        Assert.Multiple(async () =>
        {
            Assert.That(GivenUp, Is.EqualTo(new[] { "13: InvalidOperationException: tape snapped" }), "not run after a third attempt");
            Assert.That(await Database.ScalarAsync<int>("SELECT attempts FROM jobs"), Is.EqualTo(2), "the second claim was past the attempts: given up at once");
            Assert.That(Ran, Is.Empty);
        });
    }

    [Test]
    public async Task A_job_type_s_own_default_attempts_hold_without_configuration_and_configuration_overrides_them()
    {
        _failuresBeforeSuccess = int.MaxValue;
        await using (var node = Node(configure: s => s.AddJobHandler<TwoAttemptsJob, TwoAttemptsJobHandler>()))
        {
            await EnqueueAsync(node, new TwoAttemptsJob(1));
            await StartWorkerAsync(node);
            Assert.That(await Eventually.TrueAsync(async () => await Database.ScalarAsync<string>("SELECT state FROM jobs") == JobStates.Dead), Is.True);
            Assert.That(await Database.ScalarAsync<int>("SELECT attempts FROM jobs"), Is.EqualTo(2), "the job type's default, not the global 5");
        }

        await Database.ResetAsync();
        await using var configured = Node(new Dictionary<string, string?> { ["Jobs:Kinds:tests.two_attempts:MaxAttempts"] = "3" }, s => s.AddJobHandler<TwoAttemptsJob, TwoAttemptsJobHandler>());
        await EnqueueAsync(configured, new TwoAttemptsJob(2));
        await StartWorkerAsync(configured);
        Assert.That(await Eventually.TrueAsync(async () => await Database.ScalarAsync<string>("SELECT state FROM jobs") == JobStates.Dead), Is.True);
        Assert.That(await Database.ScalarAsync<int>("SELECT attempts FROM jobs"), Is.EqualTo(3));
    }

    [Test]
    public async Task A_failing_job_is_retried_with_backoff_and_then_succeeds()
    {
        _failuresBeforeSuccess = 2;
        await using var node = Node();
        await EnqueueAsync(node, new RecordJob(9));

        await StartWorkerAsync(node);

        Assert.That(await Eventually.TrueAsync(async () => await StateOfAsync(9) == JobStates.Succeeded), Is.True);
        Assert.That(await Database.ScalarAsync<int>("SELECT attempts FROM jobs"), Is.EqualTo(3));
        Assert.That(Ran, Is.EqualTo(new[] { 9 }));
    }

    [Test]
    public async Task A_payload_that_cannot_be_decoded_is_dead_at_once()
    {
        await using var node = Node();
        await Database.ScalarAsync<int>(
            "INSERT INTO jobs (id, kind, payload, run_after, created_at, updated_at) VALUES (gen_random_uuid(), 'tests.record', '{\"n\": \"not a number\"}', now(), now(), now()) RETURNING 1");

        await StartWorkerAsync(node);

        Assert.That(await Eventually.TrueAsync(async () => await Database.ScalarAsync<string>("SELECT state FROM jobs") == JobStates.Dead), Is.True);
        Assert.That(await Database.ScalarAsync<int>("SELECT attempts FROM jobs"), Is.EqualTo(1));
    }

    [Test]
    public async Task Stopping_a_node_hands_its_running_jobs_back_without_spending_an_attempt()
    {
        await using var node = Node();
        await EnqueueAsync(node, new RecordJob(3, WaitForRelease: true));
        var worker = node.GetRequiredService<JobWorker>();
        await worker.StartAsync(CancellationToken.None);
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(worker.RunningCount == 1)), Is.True);

        await worker.StopAsync(CancellationToken.None);

        Assert.That(await StateOfAsync(3), Is.EqualTo(JobStates.Pending));
        Assert.That(await Database.ScalarAsync<int>("SELECT attempts FROM jobs"), Is.Zero);
    }

    [Test]
    public async Task A_kind_runs_no_more_jobs_at_once_than_its_parallelism()
    {
        await using var node = Node(settings: new Dictionary<string, string?> { ["Jobs:Kinds:tests.record:MaxParallelism"] = "2" });
        for (var n = 0; n < 5; n++)
        {
            await EnqueueAsync(node, new RecordJob(n, WaitForRelease: true));
        }

        var worker = node.GetRequiredService<JobWorker>();
        await worker.StartAsync(CancellationToken.None);
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(worker.RunningCount == 2)), Is.True);
        Assert.That(await worker.ClaimAndStartAsync(CancellationToken.None), Is.Empty, "no free slot");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE state = 'running'"), Is.EqualTo(2));

        _release.TrySetResult();
        Assert.That(await Eventually.TrueAsync(async () => await Database.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE state = 'succeeded'") == 5), Is.True);
        await worker.StopAsync(CancellationToken.None);
    }

    [Test]
    public void A_per_kind_setting_out_of_range_is_refused_at_start_up()
    {
        using var node = Node(settings: new Dictionary<string, string?> { ["Jobs:Kinds:tests.record:MaxParallelism"] = "0" });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => _ = node.GetRequiredService<Microsoft.Extensions.Options.IOptions<JobsOptions>>().Value);

        Assert.That(error!.Message, Does.Contain("Jobs:Kinds:tests.record"));
    }

    private ServiceProvider Node(IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection> configure) =>
        Node(settings: settings, configure: configure, clock: null);

    private ServiceProvider Node(IClock? clock = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Jobs:PollInterval"] = "00:00:00.050",
            ["Jobs:RetryBaseDelay"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return InfrastructureHost.Create(Database, clock: clock, settings: all, configure: s =>
        {
            s.AddJobHandler<RecordJob, RecordJobHandler>().AddJobGivenUpHandler<RecordJob, RecordJobGivenUp>();
            configure?.Invoke(s);
        });
    }

    private static async Task StartWorkerAsync(IServiceProvider node) =>
        await node.GetRequiredService<JobWorker>().StartAsync(CancellationToken.None);

    private Task<string?> StateOfAsync(int n) =>
        Database.ScalarAsync<string>("SELECT state FROM jobs WHERE (payload ->> 'n')::int = @n", ("n", n));

    private static async Task EnqueueAsync(IServiceProvider node, IJob job)
    {
        await using var scope = node.CreateAsyncScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        await using var transaction = await unitOfWork.BeginTransactionAsync(CancellationToken.None);
        scope.ServiceProvider.GetRequiredService<IJobScheduler>().Enqueue(job);
        await unitOfWork.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    public sealed class FinishMastering : IJobHandler<CrashTestNode.MasterTrack>
    {
        public Task Handle(CrashTestNode.MasterTrack job, CancellationToken cancellationToken)
        {
            Ran.Enqueue(job.TrackNumber);
            return Task.CompletedTask;
        }
    }

    public sealed record RecordJob(int N, int DelayMs = 0, bool WaitForRelease = false) : IJob
    {
        public string Kind => "tests.record";
    }

    public sealed class RecordJobGivenUp : IJobGivenUpHandler<RecordJob>
    {
        public Task HandleGivenUp(RecordJob job, string lastError, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref _givenUpFailures) >= 0)
            {
                throw new InvalidOperationException("the database is down");
            }

            GivenUp.Enqueue($"{job.N}: {lastError}");
            return Task.CompletedTask;
        }
    }

    [JobDefaults(MaxAttempts = 2)]
    public sealed record TwoAttemptsJob(int N) : IJob
    {
        public string Kind => "tests.two_attempts";
    }

    public sealed class TwoAttemptsJobHandler : IJobHandler<TwoAttemptsJob>
    {
        public Task Handle(TwoAttemptsJob job, CancellationToken cancellationToken) => throw new InvalidOperationException("always");
    }

    public sealed class RecordJobHandler : IJobHandler<RecordJob>
    {
        public async Task Handle(RecordJob job, CancellationToken cancellationToken)
        {
            if (job.WaitForRelease)
            {
                await _release.Task.WaitAsync(cancellationToken);
            }

            await Task.Delay(job.DelayMs, cancellationToken);
            if (Interlocked.Decrement(ref _failuresBeforeSuccess) >= 0)
            {
                throw new InvalidOperationException("tape snapped");
            }

            Ran.Enqueue(job.N);
        }
    }
}
