using System.Net;

namespace Veza.Api.FunctionalTests;

/// <summary>GET /users/me/identities and DELETE /users/me/identities/{provider}, with the last-way-in rule.</summary>
public class IdentityTests : OAuthTestBase
{
    [Test]
    public async Task The_owner_lists_each_linked_provider_with_its_address_and_link_time()
    {
        var tokens = await SignInWithAsync("google", new ProviderAccount("g-1", "nova@example.com"));
        await SignInWithAsync("github", new ProviderAccount("31", "nova@example.com"));

        using var response = await GetAsync("/api/v1/users/me/identities", tokens.AccessToken);

        var data = (await DataAsync(response)).AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(data.Select(i => i!["provider"]!.GetValue<string>()), Is.EqualTo(new[] { "google", "github" }));
            Assert.That(data.Select(i => i!["email"]!.GetValue<string>()), Is.All.EqualTo("nova@example.com"));
            Assert.That(data.Select(i => i!["linked_at"]!.GetValue<DateTimeOffset>()), Is.All.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5)));
        });
    }

    [Test]
    public async Task The_last_way_in_of_an_account_without_a_password_cannot_be_unlinked()
    {
        var tokens = await SignInWithAsync("google", new ProviderAccount("g-2", "nova@example.com"));

        using var response = await DeleteAsync("/api/v1/users/me/identities/google", null, tokens.AccessToken);

        await AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        Assert.That(await IdentityProvidersAsync(tokens.AccessToken), Is.EqualTo(new[] { "google" }));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'users.identity_unlink' AND outcome = 'failure'"), Is.EqualTo(1));
    }

    [Test]
    public async Task With_another_provider_linked_one_can_go_but_not_the_last()
    {
        var tokens = await SignInWithAsync("google", new ProviderAccount("g-3", "nova@example.com"));
        await SignInWithAsync("discord", new ProviderAccount("8", "nova@example.com"));

        using (var unlink = await DeleteAsync("/api/v1/users/me/identities/google", null, tokens.AccessToken))
        {
            Assert.That((await DataAsync(unlink))["unlinked"]!.GetValue<bool>(), Is.True);
        }

        using var last = await DeleteAsync("/api/v1/users/me/identities/discord", null, tokens.AccessToken);

        await AssertErrorAsync(last, HttpStatusCode.UnprocessableEntity, "INVALID_STATE");
        Assert.That(await IdentityProvidersAsync(tokens.AccessToken), Is.EqualTo(new[] { "discord" }));
    }

    [Test]
    public async Task An_account_with_a_password_can_unlink_its_only_provider_and_the_provider_no_longer_signs_it_in()
    {
        var registered = await RegisterAsync("dj_nova", "nova@example.com");
        await VerifyAddressAsync(registered.UserId);
        await SignInWithAsync("github", new ProviderAccount("99", "nova@example.com"));

        using (var unlink = await DeleteAsync("/api/v1/users/me/identities/github", null, registered.AccessToken))
        {
            await OkAsync(unlink);
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await IdentityProvidersAsync(registered.AccessToken), Is.Empty);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM user_identities"), Is.Zero);
        });
    }

    [TestCase("google")]
    [TestCase("myspace")]
    public async Task Unlinking_a_provider_that_is_not_linked_is_not_found(string provider)
    {
        var tokens = await RegisterAsync("dj_nova", "nova@example.com");

        using var response = await DeleteAsync($"/api/v1/users/me/identities/{provider}", null, tokens.AccessToken);

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Test]
    public async Task Identities_are_the_callers_own()
    {
        await SignInWithAsync("google", new ProviderAccount("g-4", "nova@example.com"));
        var other = await RegisterAsync("other_one", "other@example.com");

        Assert.That(await IdentityProvidersAsync(other.AccessToken), Is.Empty);
        using var response = await DeleteAsync("/api/v1/users/me/identities/google", null, other.AccessToken);
        await AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM user_identities"), Is.EqualTo(1));
    }
}
