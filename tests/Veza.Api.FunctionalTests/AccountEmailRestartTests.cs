using System.Net;
using System.Net.Http.Json;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// The email outbox across a restart: a registration commits its email job on a node whose worker is
/// off (as if it died right after the commit); another node started later sends the email.
/// </summary>
public class AccountEmailRestartTests
{
    [Test]
    public async Task An_email_committed_before_a_crash_is_sent_by_the_next_node()
    {
        await using var database = await TestDatabase.CreateAsync();
        var email = MailDev.UniqueAddress("restart");
        var settings = AccountEmailTests.SmtpSettings();
        settings["Jobs:WorkerEnabled"] = "false";
        await using (var first = new VezaApiFactory(database.ConnectionString, settings))
        {
            using var client = first.CreateClient();
            using var registered = await client.PostAsJsonAsync("/api/v1/auth/register", new { username = "restart_nova", email, password = "violet-tape-deck-42" });
            Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        Assert.That(await database.ScalarAsync<string>("SELECT state FROM jobs WHERE kind = 'email.send'"), Is.EqualTo("pending"));
        Assert.That(await MailDev.Connect().ReceivedByAsync(email), Is.Empty);

        settings["Jobs:WorkerEnabled"] = "true";
        await using var second = new VezaApiFactory(database.ConnectionString, settings);
        using var _ = second.CreateClient();

        var mail = await MailDev.Connect().WaitForOneAsync(email, "Verify");
        Assert.That(mail.LinkTo("verify-email"), Does.StartWith($"{AccountEmailTests.LinkBase}/verify-email?token="));
        Assert.That(await Eventually.TrueAsync(async () => await database.ScalarAsync<string>("SELECT state FROM jobs WHERE kind = 'email.send'") == "succeeded"), Is.True);
    }
}
