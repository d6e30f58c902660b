using System.Net;

namespace Veza.Api.FunctionalTests;

/// <summary>Stored rows this build cannot read are the server's fault: 500 with nothing inside, never a 4xx that blames the caller.</summary>
public class StoredDataTests : ApiTestBase
{
    [Test]
    public async Task A_user_row_with_a_role_this_build_does_not_know_is_a_500_that_shows_no_internals()
    {
        var tokens = await RegisterAsync();
        // As a newer node with a new role might leave it (the CHECK constraint would refuse it today).
        await Database.ScalarAsync<int>("ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check; SELECT 1");
        await Database.ScalarAsync<int>("UPDATE users SET role = 'curator' WHERE id = @id RETURNING 1", ("id", tokens.UserId));

        using var response = await GetAsync("/api/v1/users/me", tokens.AccessToken);

        var body = await AssertErrorAsync(response, HttpStatusCode.InternalServerError, "INTERNAL_ERROR");
        Assert.That(body.ToJsonString(), Does.Not.Contain("curator").And.Not.Contain("role").And.Not.Contain("Exception"));
    }

    [Test]
    public async Task A_token_whose_account_was_deleted_is_refused_on_every_route()
    {
        var tokens = await RegisterAsync();
        using (var before = await GetAsync("/api/v1/auth/test", tokens.AccessToken))
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        // Out of band, as an operator might: no domain event, no revocation.
        await Database.ScalarAsync<int>("DELETE FROM users WHERE id = @id RETURNING 1", ("id", tokens.UserId));

        foreach (var path in new[] { "/api/v1/auth/test", "/api/v1/auth/me", "/api/v1/users/me" })
        {
            using var response = await GetAsync(path, tokens.AccessToken);
            var body = await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
            Assert.That(body["error"]!["message"]!.GetValue<string>(), Does.Contain("no longer exists"), path);
        }
    }
}
