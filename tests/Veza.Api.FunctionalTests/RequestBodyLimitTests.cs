using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Veza.Api.Endpoints;
using Veza.Api.Http;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// The default body limit, and endpoints that declare their own (uploads): refused early on Content-Length
/// and by the server while a chunked body streams in, both as the 413 envelope.
/// </summary>
public class RequestBodyLimitTests : ApiTestBase
{
    private const int DefaultLimit = 4096;
    private const int UploadLimit = 32 * 1024;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Api:MaxRequestBodyBytes"] = DefaultLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    // The in-memory test server enforces no limit on chunked bodies; Kestrel does, as in production.
    protected override bool UsesKestrel => true;

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IEndpointGroup, ProbeEndpoints>();

    // A plain client to the Kestrel address: the factory's redirect handler buffers request bodies (to
    // resend them), which would give every "chunked" body a Content-Length.
    private HttpClient Streaming => _streaming ??= new HttpClient { BaseAddress = Client.BaseAddress };

    private HttpClient? _streaming;

    [OneTimeTearDown]
    public void DisposeStreamingClient() => _streaming?.Dispose();

    [TestCase(false)]
    [TestCase(true)]
    public async Task An_endpoint_with_a_bigger_limit_accepts_a_body_over_the_default(bool chunked)
    {
        using var response = await PostAsync(ProbeEndpoints.Upload, new byte[16 * 1024], chunked);

        var body = await BodyAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
            Assert.That(body["data"]!["bytes"]!.GetValue<long>(), Is.EqualTo(16 * 1024));
            Assert.That(body["data"]!["content_length"], chunked ? Is.Null : Is.Not.Null, "the body went the way the case says");
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task An_endpoint_with_a_bigger_limit_refuses_a_body_over_its_own(bool chunked)
    {
        using var response = await PostAsync(ProbeEndpoints.Upload, new byte[UploadLimit + 8192], chunked);

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task An_endpoint_without_a_limit_accepts_any_size(bool chunked)
    {
        using var response = await PostAsync(ProbeEndpoints.Unlimited, new byte[UploadLimit * 2], chunked);

        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        Assert.That(body["data"]!["bytes"]!.GetValue<long>(), Is.EqualTo(UploadLimit * 2));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Ordinary_endpoints_keep_the_default_limit(bool chunked)
    {
        var json = $$"""{"username":"dj_nova","email":"nova@example.com","password":"{{new string('x', DefaultLimit)}}"}""";

        using var response = await PostAsync("/api/v1/auth/register", Encoding.UTF8.GetBytes(json), chunked, "application/json");

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
    }

    private async Task<HttpResponseMessage> PostAsync(string path, byte[] body, bool chunked, string contentType = "application/octet-stream")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = chunked ? new UnknownLengthContent(body) : new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await Streaming.SendAsync(request);
    }

    /// <summary>A body whose length the client cannot know up front, so HTTP/1.1 sends it chunked.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>Test-only routes shaped like uploads: they stream the body and count it.</summary>
    private sealed class ProbeEndpoints : IEndpointGroup
    {
        public const string Upload = "/test/upload";
        public const string Unlimited = "/test/unlimited";

        public void Map(IEndpointRouteBuilder app)
        {
            app.MapPost(Upload, CountAsync).WithRequestBodyLimit(UploadLimit);
            app.MapPost(Unlimited, CountAsync).WithMetadata(new DisableRequestSizeLimitAttribute());
        }

        private static async Task<ApiResult<ReceivedDto>> CountAsync(HttpRequest request, CancellationToken ct)
        {
            var buffer = new byte[8192];
            long total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
            }

            return ApiResults.Ok(new ReceivedDto(total, request.ContentLength));
        }
    }

    private sealed record ReceivedDto(long Bytes, long? ContentLength);
}
