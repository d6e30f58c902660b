using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// The brute-force policy over HTTP from several client addresses (the in-memory server has none, so
/// a test-only startup filter takes the address from a header before the API's own middleware runs).
/// </summary>
public class LoginThrottleTests : ApiTestBase
{
    private const string AddressHeader = "X-Test-Client-Address";
    private const string Owner = "203.0.113.7";
    private const string Attacker = "198.51.100.66";

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();

    [Test]
    public async Task An_address_hammering_an_account_does_not_stop_the_owner_signing_in_from_another()
    {
        await RegisterFromAsync(Owner);
        var attackerAnswers = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            using var guess = await LoginFromAsync(Attacker, "dj_nova", $"guess-{i}-password");
            attackerAnswers.Add(guess.StatusCode);
        }

        using var owner = await LoginFromAsync(Owner, "dj_nova", Password);

        Assert.That(attackerAnswers.Take(5), Has.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(attackerAnswers.Skip(5), Has.All.EqualTo(HttpStatusCode.TooManyRequests), "the attacker's address is slowed");
        Assert.That(owner.StatusCode, Is.EqualTo(HttpStatusCode.OK), await owner.Content.ReadAsStringAsync());
        using var ownerFromNewPlace = await LoginFromAsync("192.0.2.10", "nova@example.com", Password);
        Assert.That(ownerFromNewPlace.StatusCode, Is.EqualTo(HttpStatusCode.OK), "and from an address never seen before too");
    }

    [Test]
    public async Task Six_failures_on_a_real_and_on_a_made_up_login_give_identical_answers()
    {
        await RegisterFromAsync(Owner);
        var real = await AnswersAsync("dj_nova");
        var madeUp = await AnswersAsync("dj_nobody");

        Assert.That(madeUp, Is.EqualTo(real));
        Assert.That(real[^1], Does.StartWith("429 RATE_LIMITED"));
    }

    private async Task<List<string>> AnswersAsync(string login)
    {
        var answers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await LoginFromAsync(Attacker, login, "wrong-password-1");
            var body = await BodyAsync(response);
            var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : "-";
            answers.Add($"{(int)response.StatusCode} {body["error"]!["code"]} {body["error"]!["message"]} retry-after={retryAfter}");
        }

        return answers;
    }

    private async Task RegisterFromAsync(string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/register")
        {
            Content = JsonContent.Create(new { username = "dj_nova", email = "nova@example.com", password = Password }),
        };
        request.Headers.Add(AddressHeader, address);
        using var response = await Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    private Task<HttpResponseMessage> LoginFromAsync(string address, string login, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { login, password }) };
        request.Headers.Add(AddressHeader, address);
        return Client.SendAsync(request);
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                if (context.Request.Headers[AddressHeader] is [{ } address])
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
