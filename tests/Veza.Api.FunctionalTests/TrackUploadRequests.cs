using System.Net.Http.Headers;

namespace Veza.Api.FunctionalTests;

/// <summary>POST /api/v1/tracks as a client sends it: the text fields, then the optional artwork, then the file last.</summary>
public static class TrackUploadRequests
{
    public static async Task<HttpResponseMessage> UploadAsync(
        HttpClient client, string accessToken, byte[] file, string fileName, Dictionary<string, string>? fields = null, byte[]? artwork = null,
        string contentType = "application/octet-stream")
    {
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields ?? [])
        {
            content.Add(new StringContent(value), name);
        }

        if (artwork is not null)
        {
            content.Add(new ByteArrayContent(artwork), "artwork", "cover.png");
        }

        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(part, "file", fileName);
        return await PostFormAsync(client, content, accessToken);
    }

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, MultipartFormDataContent content, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tracks") { Content = content };
        request.Headers.Authorization = new("Bearer", accessToken);
        return await client.SendAsync(request);
    }
}
