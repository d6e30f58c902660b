using System.Net.Mail;
using System.Net.Sockets;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Veza.Domain.Ports;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>The SMTP adapter against a real SMTP server (maildev, started by build/test.sh).</summary>
public class SmtpEmailSenderTests
{
    private TestDatabase _database = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase() => _database = await TestDatabase.CreateAsync();

    [OneTimeTearDown]
    public async Task DropDatabase() => await _database.DisposeAsync();

    [Test]
    public async Task Sends_text_and_html_alternatives_with_the_queued_message_id_every_time()
    {
        await using var node = Node(TestServers.Smtp);
        var sender = node.GetRequiredService<IEmailSender>();
        var to = MailDev.UniqueAddress("smtp");
        var message = new EmailMessage(to, "Vérifiez votre adresse ✓", "Hello dj_nova,\n\nhttps://app.veza.test/verify-email?token=abc\n", "<p>Hello <b>dj_nova</b></p>", Guid.CreateVersion7());

        await sender.SendAsync(message, CancellationToken.None);
        await sender.SendAsync(message, CancellationToken.None);

        var received = await MailDev.Connect().WaitForAsync(to, 2);
        var expectedId = $"<{message.MessageId:N}@veza.test>";
        Assert.Multiple(() =>
        {
            Assert.That(received.Select(m => m.MessageId), Is.All.EqualTo(expectedId), "a retried send is the same message");
            Assert.That(received[0].Subject, Is.EqualTo("Vérifiez votre adresse ✓"));
            Assert.That(received[0].Text.Trim(), Is.EqualTo(message.TextBody.Trim()));
            Assert.That(received[0].Html, Does.Contain("<b>dj_nova</b>"));
            Assert.That(received[0].Token, Is.EqualTo("abc"));
        });
    }

    [Test]
    public async Task An_unreachable_server_throws_so_the_job_is_retried()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var node = Node($"127.0.0.1:{closedPort}");
        var sender = node.GetRequiredService<IEmailSender>();

        Assert.CatchAsync<SmtpException>(() => sender.SendAsync(
            new EmailMessage(MailDev.UniqueAddress(), "s", "t", "<p>h</p>", Guid.NewGuid()), CancellationToken.None));
    }

    private ServiceProvider Node(string smtp) => InfrastructureHost.Create(_database, settings: new Dictionary<string, string?>
    {
        ["Email:Transport"] = "smtp",
        ["Email:Smtp:Host"] = smtp.Split(':')[0],
        ["Email:Smtp:Port"] = smtp.Split(':')[1],
        ["Email:Smtp:EnableTls"] = "false",
        ["Email:Smtp:Timeout"] = "00:00:05",
        ["Email:FromAddress"] = "no-reply@veza.test",
    });
}
