using System.ComponentModel.DataAnnotations;
using Veza.Infrastructure;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>Node ids are unique per process and fit the columns that store them (radio_station_air.node and jobs.claimed_by are 64 characters).</summary>
public class NodeIdentityTests
{
    [Test]
    public void A_configured_name_starts_an_id_unique_to_the_process_that_fits_a_radio_lease()
    {
        var first = new NodeIdentity("api-eu-west-1a.7");
        var second = new NodeIdentity("api-eu-west-1a.7");
        var longest = new NodeIdentity(new string('n', NodeIdentity.MaxNameLength));

        Assert.Multiple(() =>
        {
            Assert.That(first.Name, Is.EqualTo("api-eu-west-1a.7"));
            Assert.That(first.Id, Does.StartWith("api-eu-west-1a.7."));
            Assert.That(second.Id, Is.Not.EqualTo(first.Id), "two processes sharing a name must not drop each other's relayed events");
            Assert.That(longest.Id, Has.Length.LessThanOrEqualTo(64));
        });
    }

    [TestCase("a-very-long-kubernetes-pod-name-7f9c8d6b5-x2kq9")]
    [TestCase("node 1")]
    [TestCase("node/1")]
    public void A_configured_name_too_long_or_with_other_characters_fails_validation_at_start_up(string name)
    {
        var options = new NodeOptions { Name = name };
        var errors = new List<ValidationResult>();

        var valid = Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true);

        Assert.That(valid, Is.False);
        Assert.That(errors.Single().MemberNames, Is.EqualTo(new[] { nameof(NodeOptions.Name) }));
    }

    [Test]
    public async Task A_node_with_an_invalid_name_does_not_start()
    {
        await using var database = await TestKit.TestDatabase.CreateAsync();
        await using var node = InfrastructureHost.Create(database, settings: new Dictionary<string, string?> { ["Node:Name"] = "node 1" });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => node.GetService(typeof(NodeIdentity)));

        Assert.That(error!.Message, Does.Contain("Node:Name"));
    }

    [Test]
    public void Without_a_name_the_machine_name_is_used_trimmed_to_fit()
    {
        var node = new NodeIdentity(null);

        Assert.Multiple(() =>
        {
            Assert.That(node.Name, Is.Not.Empty);
            Assert.That(node.Name, Has.Length.LessThanOrEqualTo(NodeIdentity.MaxNameLength));
            Assert.That(node.Name, Does.Match("^[A-Za-z0-9._-]+$"));
        });
    }
}
