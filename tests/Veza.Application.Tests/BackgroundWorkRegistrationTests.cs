using Microsoft.Extensions.DependencyInjection;
using Veza.Application.Common.Jobs;
using Veza.Application.Common.Messaging;
using Veza.Domain.Common;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

public class BackgroundWorkRegistrationTests
{
    [Test]
    public async Task A_registered_job_handler_is_found_by_kind_and_runs_with_the_job()
    {
        var services = new ServiceCollection().AddJobHandler<ExpireOffer, ExpireOfferHandler>();
        await using var provider = services.BuildServiceProvider();
        var registration = provider.GetRequiredService<JobKindRegistration>();

        await registration.Run(provider, new ExpireOffer(Guid.Empty), CancellationToken.None);

        Assert.That((registration.Kind, registration.JobType), Is.EqualTo(("offers.expire", typeof(ExpireOffer))));
        Assert.That(ExpireOfferHandler.Expired, Does.Contain(Guid.Empty));
    }

    [Test]
    public void A_consumer_is_registered_under_its_event_type_and_its_own_name()
    {
        var services = new ServiceCollection().AddIntegrationEventConsumer<UserRegistered, SendWelcome>();

        var registration = services.BuildServiceProvider().GetRequiredService<IntegrationEventConsumerRegistration>();

        Assert.That((registration.EventType, registration.Consumer), Is.EqualTo(("users.registered", typeof(SendWelcome).FullName)));
    }

    [Test]
    public void A_job_whose_kind_is_not_a_dotted_lowercase_name_is_refused_at_start_up()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddJobHandler<BadlyNamedJob, BadlyNamedJobHandler>());

        Assert.That(error!.Message, Does.Contain("BadlyNamedJob"));
    }

    public sealed record ExpireOffer(Guid OfferId) : IJob
    {
        public string Kind => "offers.expire";
    }

    public sealed class ExpireOfferHandler : IJobHandler<ExpireOffer>
    {
        public static readonly List<Guid> Expired = [];

        public Task Handle(ExpireOffer job, CancellationToken cancellationToken)
        {
            Expired.Add(job.OfferId);
            return Task.CompletedTask;
        }
    }

    public sealed record BadlyNamedJob : IJob
    {
        public string Kind => "Expire Offer";
    }

    public sealed class BadlyNamedJobHandler : IJobHandler<BadlyNamedJob>
    {
        public Task Handle(BadlyNamedJob job, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public sealed class SendWelcome : IIntegrationEventConsumer<UserRegistered>
    {
        public Task Handle(UserRegistered integrationEvent, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
