using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Veza.Application.Auth.OAuth;
using Veza.Application.Auth.OAuth.Commands.CompleteOAuthLogin;
using Veza.Application.Auth.OAuth.Commands.ExchangeOAuthLoginCode;
using Veza.Application.Auth.OAuth.Commands.StartOAuthLogin;
using Veza.Application.Common.Exceptions;
using Veza.Application.Users.Commands.UnlinkIdentity;
using Veza.Domain.AccountTokens;
using Veza.Domain.Auditing;
using Veza.Domain.Identities;
using Veza.Domain.Ports;
using Veza.Domain.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Veza.Application.Tests;

/// <summary>OAuth sign-in use cases over substitute ports (the real flow runs in the functional tests).</summary>
public class OAuthUseCaseTests : UseCaseTestBase
{
    private const string ReturnPage = "https://app.example/auth/callback";

    // NUnit keeps one fixture instance for all its tests: everything here is made afresh per test.
    private IOAuthProviderClient _providers = null!;
    private IPendingOAuthLoginRepository _pending = null!;
    private IUserIdentityRepository _identities = null!;
    private IAccountTokenRepository _accountTokens = null!;
    private List<PendingOAuthLogin> _storedPending = null!;
    private string _binding = null!;
    private List<UserIdentity> _storedIdentities = null!;
    private List<AccountToken> _storedTokens = null!;

    protected override ApplicationHarness CreateHarness()
    {
        _providers = Substitute.For<IOAuthProviderClient>();
        _pending = Substitute.For<IPendingOAuthLoginRepository>();
        _identities = Substitute.For<IUserIdentityRepository>();
        _accountTokens = Substitute.For<IAccountTokenRepository>();
        (_storedPending, _storedIdentities, _storedTokens) = ([], [], []);
        _providers.IsEnabled(Arg.Any<ExternalProvider>()).Returns(true);
        _providers.IsAllowedReturnUri(ReturnPage).Returns(true);
        _providers.BuildAuthorizationUrl(Arg.Any<ExternalProvider>(), Arg.Any<string>(), Arg.Any<string>())
            .Returns(c => $"https://provider.example/authorize?state={c.ArgAt<string>(1)}");
        _pending.When(p => p.Add(Arg.Any<PendingOAuthLogin>())).Do(c => _storedPending.Add(c.Arg<PendingOAuthLogin>()));
        _pending.FindByStateHashAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(c => _storedPending.FirstOrDefault(p => p.StateHash == c.Arg<string>()));
        _identities.When(i => i.Add(Arg.Any<UserIdentity>())).Do(c => _storedIdentities.Add(c.Arg<UserIdentity>()));
        _identities.When(i => i.Remove(Arg.Any<UserIdentity>())).Do(c => _storedIdentities.Remove(c.Arg<UserIdentity>()));
        _identities.FindAsync(Arg.Any<ExternalProvider>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(c => _storedIdentities.FirstOrDefault(i => i.Provider == c.ArgAt<ExternalProvider>(0) && i.Subject == c.ArgAt<string>(1)));
        _identities.ListForUserAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => _storedIdentities.Where(i => i.UserId == c.Arg<Guid>()).ToList());
        _accountTokens.When(t => t.Add(Arg.Any<AccountToken>())).Do(c => _storedTokens.Add(c.Arg<AccountToken>()));
        _accountTokens.FindAsync(Arg.Any<AccountTokenPurpose>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(c => _storedTokens.FirstOrDefault(t => t.Purpose == c.ArgAt<AccountTokenPurpose>(0) && t.TokenHash == c.ArgAt<string>(1)));
        _accountTokens.ListUsableAsync(Arg.Any<Guid>(), Arg.Any<AccountTokenPurpose>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(new List<AccountToken>());
        return new ApplicationHarness(services => services
            .AddSingleton(_providers).AddSingleton(_pending).AddSingleton(_identities).AddSingleton(_accountTokens));
    }

    private async Task<string> StartAsync(string provider = "google")
    {
        var started = await App.SendAsync(new StartOAuthLoginCommand(provider, ReturnPage));
        _binding = started.Binding;
        return started.AuthorizationUrl[(started.AuthorizationUrl.IndexOf('=') + 1)..];
    }

    private void ProviderSays(ExternalProfile profile) =>
        _providers.FetchProfileAsync(Arg.Any<ExternalProvider>(), Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(profile);

    [Test]
    public async Task Start_keeps_only_the_states_hash_with_the_verifier_and_the_return_page()
    {
        var state = await StartAsync();

        var pending = _storedPending.Single();
        Assert.Multiple(() =>
        {
            Assert.That(pending.StateHash, Is.EqualTo("sha:" + state));
            Assert.That(pending.CodeVerifier, Is.Not.EqualTo(state));
            Assert.That(pending.RedirectUri, Is.EqualTo(ReturnPage));
            Assert.That(pending.ExpiresAt, Is.EqualTo(ApplicationHarness.Now.AddMinutes(10)));
        });
    }

    [Test]
    public void Start_refuses_a_page_outside_the_allow_list_and_an_unknown_or_disabled_provider()
    {
        _providers.IsEnabled(ExternalProvider.Discord).Returns(false);

        var refused = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new StartOAuthLoginCommand("google", "https://evil.example/")));
        Assert.That(refused!.Errors.Single().Field, Is.EqualTo("redirect_uri"));
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new StartOAuthLoginCommand("discord", ReturnPage)));
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new StartOAuthLoginCommand("GOOGLE", ReturnPage)));
        Assert.That(_storedPending, Is.Empty);
    }

    [Test]
    public async Task A_new_account_gets_a_free_username_no_password_a_link_and_a_login_code()
    {
        App.Users.Add(User.Register("nova_star", "someone@example.com", "pbkdf2:x", ApplicationHarness.Now));
        var state = await StartAsync();
        ProviderSays(new ExternalProfile("g-1", "nova@example.com", true, null, "Nova Star"));

        var result = await App.SendAsync(new CompleteOAuthLoginCommand("google", "code", state, null));

        var user = App.StoredUsers.Single(u => u.Email == "nova@example.com");
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new OAuthCallbackResult(ReturnPage, result.LoginCode, null)));
            Assert.That(user.Username, Is.EqualTo("nova_star_2"));
            Assert.That(user.HasPassword, Is.False);
            Assert.That(user.IsEmailVerified, Is.True);
            Assert.That(_storedIdentities.Single().UserId, Is.EqualTo(user.Id));
            Assert.That(_storedTokens.Single().TokenHash, Is.EqualTo("sha:" + result.LoginCode));
            Assert.That(_storedTokens.Single().Purpose, Is.EqualTo(AccountTokenPurpose.OAuthLogin));
            Assert.That(App.AuditEvents.Select(a => a.Action), Is.EqualTo(new[] { AuditActions.Register, AuditActions.IdentityLink, AuditActions.OAuthLogin }));
        });
    }

    [Test]
    public async Task An_address_the_provider_did_not_verify_makes_no_account()
    {
        // Someone who set the owner's address on their provider account must not get a Veza account there.
        var state = await StartAsync();
        ProviderSays(new ExternalProfile("g-6", "nova@example.com", false, null, "Nova"));

        var result = await App.SendAsync(new CompleteOAuthLoginCommand("google", "code", state, null));

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(OAuthCallbackResult.Failed(ReturnPage, OAuthErrors.EmailNotVerified)));
            Assert.That(App.StoredUsers, Is.Empty);
            Assert.That(_storedIdentities, Is.Empty);
            Assert.That(_storedTokens, Is.Empty);
        });
    }

    [Test]
    public async Task A_provider_failure_goes_back_to_the_frontend_and_spends_the_state()
    {
        var state = await StartAsync();
        _providers.FetchProfileAsync(Arg.Any<ExternalProvider>(), Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new OAuthProviderException("google: HttpRequestException"));

        var result = await App.SendAsync(new CompleteOAuthLoginCommand("google", "code", state, null));

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(OAuthCallbackResult.Failed(ReturnPage, OAuthErrors.ProviderError)));
            Assert.That(_storedPending.Single().ConsumedAt, Is.Not.Null);
            Assert.That(App.StoredUsers, Is.Empty);
            Assert.That(App.AuditEvents.Single(), Is.EqualTo(new RecordedAudit(AuditActions.OAuthLogin, AuditOutcomes.Failure, null, "google: code exchange or profile refused")));
        });
    }

    [Test]
    public void An_unknown_state_is_refused_and_the_refusal_is_audited()
    {
        Assert.ThrowsAsync<InvalidOAuthStateException>(() => App.SendAsync(new CompleteOAuthLoginCommand("google", "code", "made-up", null)));

        Assert.That(App.AuditEvents.Single().Outcome, Is.EqualTo(AuditOutcomes.Failure));
        App.Transaction.Received().CommitAsync(Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task A_login_code_is_only_swapped_with_the_binding_of_the_frontend_that_started_its_sign_in()
    {
        var state = await StartAsync("github");
        ProviderSays(new ExternalProfile("7", "nova@example.com", true, "octonova", null));
        var code = (await App.SendAsync(new CompleteOAuthLoginCommand("github", "code", state, null))).LoginCode!;

        var elsewhere = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new ExchangeOAuthLoginCodeCommand(code, "another-browsers-binding")));

        Assert.That(elsewhere!.Errors.Single().Field, Is.EqualTo("binding"));
        Assert.That(App.StoredSessions, Is.Empty);
    }

    [Test]
    public async Task The_login_code_signs_in_once()
    {
        var state = await StartAsync("github");
        ProviderSays(new ExternalProfile("7", "nova@example.com", true, "octonova", null));
        var code = (await App.SendAsync(new CompleteOAuthLoginCommand("github", "code", state, null))).LoginCode!;

        var signedIn = await App.SendAsync(new ExchangeOAuthLoginCodeCommand(code, _binding));

        Assert.Multiple(() =>
        {
            Assert.That(signedIn.MfaRequired, Is.False);
            Assert.That(signedIn.User!.Username, Is.EqualTo("octonova"));
            Assert.That(App.StoredSessions.Single().UserId, Is.EqualTo(signedIn.User.Id));
        });
        Assert.ThrowsAsync<InvalidAccountTokenException>(() => App.SendAsync(new ExchangeOAuthLoginCodeCommand(code, _binding)));
    }

    [Test]
    public async Task The_last_way_into_an_account_without_a_password_stays()
    {
        var state = await StartAsync();
        ProviderSays(new ExternalProfile("g-2", "nova@example.com", true, null, "Nova"));
        await App.SendAsync(new CompleteOAuthLoginCommand("google", "code", state, null));
        App.SignInAs(App.StoredUsers.Single(), Guid.NewGuid());

        Assert.ThrowsAsync<LastWayToSignInException>(() => App.SendAsync(new UnlinkIdentityCommand("google")));

        Assert.That(_storedIdentities, Has.Count.EqualTo(1));
        Assert.That(App.AuditEvents.Last(), Is.EqualTo(new RecordedAudit(AuditActions.IdentityUnlink, AuditOutcomes.Failure, App.StoredUsers.Single().Id, "google: last way to sign in")));
    }
}
