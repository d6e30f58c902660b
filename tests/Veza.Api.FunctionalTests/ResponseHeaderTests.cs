using System.Net;
using System.Text.RegularExpressions;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// Responses that carry tokens or personal data must not be stored by browsers or shared caches, and
/// the API's JSON may load nothing and be framed by nobody; Swagger UI gets just what its page needs.
/// </summary>
public partial class ResponseHeaderTests : ApiTestBase
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    [Test]
    public async Task Token_responses_and_authenticated_responses_are_not_stored()
    {
        using var register = await PostAsync("/api/v1/auth/register", new { username = "dj_nova", email = "nova@example.com", password = Password });
        var tokens = Tokens.From(await BodyAsync(register));
        using var login = await PostAsync("/api/v1/auth/login", new { login = "dj_nova", password = Password });
        using var refresh = await PostAsync("/api/v1/auth/refresh", new { refresh_token = tokens.RefreshToken });
        using var me = await GetAsync("/api/v1/users/me", tokens.AccessToken);
        using var claims = await GetAsync("/api/v1/auth/test", tokens.AccessToken);
        using var refused = await PostAsync("/api/v1/auth/login", new { login = "dj_nova", password = "wrong-password-1" });

        foreach (var response in new[] { register, login, refresh, me, claims, refused })
        {
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True, $"{response.RequestMessage!.RequestUri} ({(int)response.StatusCode})");
        }

        Assert.That(new[] { register.StatusCode, login.StatusCode, refresh.StatusCode, me.StatusCode }, Is.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.Created));
    }

    [TestCase("/health")]
    [TestCase("/api/v1/auth/me")]
    [TestCase("/api/v1/no-such-thing")]
    [TestCase("/swagger/v1/swagger.json")]
    public async Task Api_responses_carry_a_policy_that_allows_nothing(string path)
    {
        using var response = await GetAsync(path);

        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Is.EqualTo(ApiPolicy));
    }

    [TestCase("/swagger/index.html")]
    [TestCase("/swagger/index.js")]
    [TestCase("/swagger/swagger-ui.css")]
    [TestCase("/swagger/swagger-ui-bundle.js")]
    public async Task Swagger_ui_pages_get_a_policy_that_lets_the_ui_run_from_this_origin_only(string path)
    {
        using var response = await GetAsync(path);

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(policy, Does.Contain("default-src 'self'"));
            Assert.That(policy, Does.Contain("script-src 'self'"));
            Assert.That(policy, Does.Contain("frame-ancestors 'none'"));
            Assert.That(policy, Does.Not.Contain("unsafe-eval"));
        });
    }

    [Test]
    public async Task The_swagger_ui_page_loads_only_same_origin_files_and_has_no_inline_script()
    {
        using var response = await GetAsync("/swagger/index.html");
        var html = await response.Content.ReadAsStringAsync();

        // What lets its policy keep script-src to 'self' without 'unsafe-inline'.
        Assert.That(html, Does.Contain("<script src="));
        Assert.That(InlineScript().IsMatch(html), Is.False, html);
        Assert.That(ExternalReference().IsMatch(html), Is.False, html);
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"(src|href)=""(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
