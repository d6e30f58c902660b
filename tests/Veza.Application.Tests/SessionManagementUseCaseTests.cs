using NSubstitute;
using Veza.Application.Auth;
using Veza.Application.Auth.Commands.Login;
using Veza.Application.Auth.Commands.Register;
using Veza.Application.Auth.Commands.RevokeOtherSessions;
using Veza.Application.Auth.Commands.RevokeSession;
using Veza.Application.Auth.Queries.ListSessions;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Models;
using Veza.Domain.Auditing;
using Veza.Domain.Sessions;

namespace Veza.Application.Tests;

public class SessionManagementUseCaseTests : UseCaseTestBase
{
    private const string Password = "violet-tape-deck-42";

    [Test]
    public async Task Listing_flags_the_callers_own_session_as_current_and_names_devices()
    {
        var user = await RegisterAsync("dj_nova");
        var current = App.StoredSessions.Single();
        App.SignInAs(user, current.Id);
        var other = Guid.NewGuid();
        App.SessionReadModel.ListUsableAsync(user.Id, ApplicationHarness.Now, new PageRequest(1, 20), Arg.Any<CancellationToken>())
            .Returns(new PagedResult<SessionRow>(
            [
                new SessionRow(current.Id, "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0", "203.0.113.7", ApplicationHarness.Now, ApplicationHarness.Now, ApplicationHarness.Now.AddDays(7)),
                new SessionRow(other, null, null, ApplicationHarness.Now, ApplicationHarness.Now, ApplicationHarness.Now.AddDays(7)),
            ], 1, 20, 2));

        var page = await App.SendAsync(new ListSessionsQuery(new PageRequest()));

        Assert.That(page.Items.Select(s => (s.Id, s.Device, s.Current)), Is.EqualTo(new[]
        {
            (current.Id, "Firefox on Linux", true),
            (other, UserAgentDevice.Unknown, false),
        }));
    }

    [Test]
    public async Task Revoking_one_of_your_sessions_revokes_it_and_audits_it()
    {
        var user = await RegisterAsync("dj_nova");
        await App.SendAsync(new LoginCommand("dj_nova", Password));
        var (first, second) = (App.StoredSessions.First(), App.StoredSessions.Last());
        App.SignInAs(user, first.Id);

        var result = await App.SendAsync(new RevokeSessionCommand(second.Id));

        Assert.Multiple(() =>
        {
            Assert.That(result.Revoked, Is.EqualTo(1));
            Assert.That(second.RevokedReason, Is.EqualTo(SessionRevocationReason.RevokedByUser));
            Assert.That(first.IsRevoked, Is.False);
            Assert.That(App.AuditEvents.Last(), Is.EqualTo(new RecordedAudit(AuditActions.SessionRevoke, AuditOutcomes.Success, user.Id, "one session", AuditTargets.Session(second.Id))));
        });
        await App.Revocations.Received(1).MarkRevokedAsync(second.Id, Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task Revoking_an_already_revoked_session_is_not_an_error_and_revokes_nothing()
    {
        var user = await RegisterAsync("dj_nova");
        var session = App.StoredSessions.Single();
        App.SignInAs(user, session.Id);
        await App.SendAsync(new RevokeSessionCommand(session.Id));

        var again = await App.SendAsync(new RevokeSessionCommand(session.Id));

        Assert.That(again.Revoked, Is.Zero);
    }

    [Test]
    public async Task Someone_elses_session_is_not_found_and_stays_signed_in()
    {
        await RegisterAsync("dj_nova", "nova@example.com");
        var victimSession = App.StoredSessions.Single();
        var attacker = await RegisterAsync("mallory", "mallory@example.com");
        App.SignInAs(attacker, App.StoredSessions.Last().Id);

        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new RevokeSessionCommand(victimSession.Id)));
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new RevokeSessionCommand(Guid.NewGuid())));
        Assert.That(victimSession.IsRevoked, Is.False);
    }

    [Test]
    public async Task Signing_out_everywhere_else_keeps_the_current_session_and_counts_the_others()
    {
        var user = await RegisterAsync("dj_nova");
        await App.SendAsync(new LoginCommand("dj_nova", Password));
        await App.SendAsync(new LoginCommand("dj_nova", Password));
        var current = App.StoredSessions.ElementAt(1);
        App.SignInAs(user, current.Id);

        var result = await App.SendAsync(new RevokeOtherSessionsCommand());

        Assert.Multiple(() =>
        {
            Assert.That(result.Revoked, Is.EqualTo(2));
            Assert.That(App.StoredSessions.Where(s => s.IsRevoked).Select(s => s.RevokedReason), Is.All.EqualTo(SessionRevocationReason.RevokedByUser));
            Assert.That(current.IsRevoked, Is.False);
        });
    }

    [TestCase(null, "Unknown device")]
    [TestCase("", "Unknown device")]
    [TestCase("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0", "Edge on Windows")]
    [TestCase("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36", "Chrome on Windows")]
    [TestCase("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari on macOS")]
    [TestCase("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari on iOS")]
    [TestCase("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36", "Chrome on Android")]
    [TestCase("Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0", "Firefox on Linux")]
    [TestCase("curl/8.5.0", "curl")]
    [TestCase("SomethingElse/1.0", "Unknown device")]
    public void Devices_are_named_by_browser_and_system(string? userAgent, string expected) =>
        Assert.That(UserAgentDevice.Describe(userAgent), Is.EqualTo(expected));

    private async Task<Domain.Users.User> RegisterAsync(string username, string email = "nova@example.com")
    {
        await App.SendAsync(new RegisterCommand(username, email, Password));
        return App.StoredUsers.Single(u => u.Username == username);
    }
}
