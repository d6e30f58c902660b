using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Veza.Application.Auth;
using Veza.Testing;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// The limits on requests that mail someone, over HTTP: per client address (the account-email policy,
/// lowered here to <see cref="PerClientAddress"/> so a test reaches it quickly) and per recipient (the real
/// <see cref="AccountEmailThrottle.PerRecipient"/>, five an hour). The limiter's counters outlive the
/// database reset between tests, so every test uses client and email addresses of its own.
/// </summary>
public class AccountEmailRateLimitTests : ApiTestBase
{
    private const int PerClientAddress = 3;

    private static int _clients;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Policies:account-email:PermitLimit"] = PerClientAddress.ToString(CultureInfo.InvariantCulture),
        ["RateLimiting:Policies:account-email:WindowSeconds"] = "900",
    };

    [TestCase("/api/v1/auth/forgot-password")]
    [TestCase("/api/v1/auth/magic-link")]
    public async Task Requests_from_one_client_address_beyond_the_policy_get_429_with_retry_after(string path)
    {
        var client = NewClientAddress();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < PerClientAddress; i++)
        {
            using var accepted = await PostFromAsync(client, path, new { email = MailDev.UniqueAddress("flood") });
            statuses.Add(accepted.StatusCode);
        }

        using var refused = await PostFromAsync(client, path, new { email = MailDev.UniqueAddress("flood") });
        using var otherClient = await PostFromAsync(NewClientAddress(), path, new { email = MailDev.UniqueAddress("flood") });

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.Accepted));
        await AssertErrorAsync(refused, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.That(RetryAfter(refused), Is.InRange(1, 900));
        Assert.That(otherClient.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "the limit is per client address");
    }

    [TestCase("/api/v1/auth/forgot-password")]
    [TestCase("/api/v1/auth/magic-link")]
    public async Task The_per_address_limit_answers_429_identically_for_a_known_and_an_unknown_address(string path)
    {
        var known = MailDev.UniqueAddress("known");
        await RegisterAsync("known_" + Guid.NewGuid().ToString("N")[..8], known);
        var unknown = MailDev.UniqueAddress("unknown");

        var answers = new Dictionary<string, (HttpStatusCode[] Accepted, HttpStatusCode Status, string Body, int RetryAfter)>();
        foreach (var email in new[] { known, unknown })
        {
            // Each request from a client address of its own: only the per-address limit can refuse.
            var accepted = new List<HttpStatusCode>();
            for (var i = 0; i < AccountEmailThrottle.PerRecipient.PermitLimit; i++)
            {
                using var response = await PostFromAsync(NewClientAddress(), path, new { email });
                accepted.Add(response.StatusCode);
            }

            using var refused = await PostFromAsync(NewClientAddress(), path, new { email });
            answers[email] = (accepted.ToArray(), refused.StatusCode, AccountEmailTests.WithoutMeta(await BodyAsync(refused)), RetryAfter(refused));
        }

        Assert.Multiple(() =>
        {
            Assert.That(answers[known].Accepted, Has.Length.EqualTo(5).And.All.EqualTo(HttpStatusCode.Accepted));
            Assert.That(answers[unknown].Accepted, Is.EqualTo(answers[known].Accepted));
            Assert.That(answers[known].Status, Is.EqualTo(HttpStatusCode.TooManyRequests), answers[known].Body);
            Assert.That(answers[unknown].Status, Is.EqualTo(answers[known].Status));
            Assert.That(answers[unknown].Body, Is.EqualTo(answers[known].Body), "the same refusal, word for word");
            Assert.That(answers[known].RetryAfter, Is.InRange(3500, 3600), "the hour the address's first request opened");
            Assert.That(answers[unknown].RetryAfter, Is.InRange(3500, 3600));
        });
    }

    [Test]
    public async Task Verification_resends_are_limited_per_account_and_per_client_address()
    {
        var account = await RegisterAsync("resend_" + Guid.NewGuid().ToString("N")[..8], MailDev.UniqueAddress("resend"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < AccountEmailThrottle.PerRecipient.PermitLimit; i++)
        {
            using var response = await PostFromAsync(NewClientAddress(), "/api/v1/auth/verify-email/resend", new { }, account.AccessToken);
            statuses.Add(response.StatusCode);
        }

        using var perAccount = await PostFromAsync(NewClientAddress(), "/api/v1/auth/verify-email/resend", new { }, account.AccessToken);

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.Accepted));
        await AssertErrorAsync(perAccount, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.That(RetryAfter(perAccount), Is.InRange(3500, 3600));

        // One client address asking for several accounts is stopped by the per-address policy.
        var client = NewClientAddress();
        for (var i = 0; i < PerClientAddress; i++)
        {
            var other = await RegisterAsync("resend_" + Guid.NewGuid().ToString("N")[..8], MailDev.UniqueAddress("resend"));
            using var accepted = await PostFromAsync(client, "/api/v1/auth/verify-email/resend", new { }, other.AccessToken);
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        var last = await RegisterAsync("resend_" + Guid.NewGuid().ToString("N")[..8], MailDev.UniqueAddress("resend"));
        using var perClient = await PostFromAsync(client, "/api/v1/auth/verify-email/resend", new { }, last.AccessToken);
        await AssertErrorAsync(perClient, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.That(RetryAfter(perClient), Is.InRange(1, 900));
    }

    /// <summary>A client address no other request of this fixture used (TEST-NET-2).</summary>
    private static string NewClientAddress()
    {
        var n = Interlocked.Increment(ref _clients);
        return $"198.51.{100 + (n / 250)}.{(n % 250) + 1}";
    }

    private async Task<HttpResponseMessage> PostFromAsync(string clientAddress, string path, object body, string? accessToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(VezaApiFactory.RemoteAddressHeader, clientAddress);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new("Bearer", accessToken);
        }

        return await Client.SendAsync(request);
    }

    private static int RetryAfter(HttpResponseMessage response) =>
        int.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
}
