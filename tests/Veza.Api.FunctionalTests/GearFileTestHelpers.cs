using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// What the gear file tests share: a catalog product and gear entries made through the API, multipart uploads
/// (with a name sent as RFC 5987 filename* when it holds what a plain filename cannot), the stored files on
/// disk, and test files made by hand (a real two-page PDF, a zip, markup).
/// </summary>
public abstract class GearFileTestBase : AdminApiTestBase
{
    protected static readonly Guid AudioInterfaces = Guid.Parse("0193a000-0000-7000-8000-000000000201");

    private readonly string _storageRoot = Path.Combine(Path.GetTempPath(), "veza-gear-file-tests-" + Guid.NewGuid().ToString("N"));

    protected string StorageRoot => _storageRoot;

    protected string FilesDir => Path.Combine(_storageRoot, "files");

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Storage:Root"] = _storageRoot,
        ["Jobs:PollInterval"] = "00:00:00.100",
    };

    [OneTimeTearDown]
    public void DeleteStorage()
    {
        if (Directory.Exists(_storageRoot))
        {
            Directory.Delete(_storageRoot, recursive: true);
        }
    }

    [SetUp]
    public void EmptyStorage()
    {
        if (Directory.Exists(FilesDir))
        {
            Directory.Delete(FilesDir, recursive: true);
        }
    }

    /// <summary>Every file under files/ (temporary ones included).</summary>
    protected string[] StoredFiles() => Directory.Exists(FilesDir) ? Directory.GetFiles(FilesDir, "*", SearchOption.AllDirectories) : [];

    protected string StoredPath(Guid fileId, string name = "original") => Path.Combine(FilesDir, fileId.ToString("N"), name);

    protected async Task<Guid> CreateProductAsync(Tokens admin, string name = "Scarlett 2i2")
    {
        using var response = await PostAsync("/api/v1/admin/products", new { name, category_id = AudioInterfaces, brand = "Focusrite" }, admin.AccessToken);
        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        return body["data"]!["id"]!.GetValue<Guid>();
    }

    protected async Task<Guid> RecordGearAsync(Tokens owner, Guid productId, string serial = "SN-1")
    {
        using var response = await PostAsync("/api/v1/user-products", new { product_id = productId, serial_number = serial }, owner.AccessToken);
        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        return body["data"]!["id"]!.GetValue<Guid>();
    }

    /// <summary>POSTs a multipart form: the optional type field, then the file (unless null).</summary>
    protected async Task<HttpResponseMessage> PostFileAsync(
        string path, byte[]? bytes, string fileName, string? type, string? accessToken, string declaredType = "application/octet-stream")
    {
        using var form = new MultipartFormDataContent();
        if (type is not null)
        {
            form.Add(new StringContent(type), "type");
        }

        if (bytes is not null)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
            if (fileName.All(c => c is >= ' ' and < '\x7f' and not '"' and not '\\'))
            {
                form.Add(file, "file", fileName);
            }
            else
            {
                // Quotes, control and non-ASCII characters: as browsers and curl send them, RFC 5987 encoded.
                file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"file\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}");
                form.Add(file);
            }
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return await Client.SendAsync(request);
    }

    protected Task<HttpResponseMessage> UploadAsync(Guid entryId, byte[]? bytes, string fileName, string? type, string? accessToken, string declaredType = "application/octet-stream") =>
        PostFileAsync($"/api/v1/user-products/{entryId}/files", bytes, fileName, type, accessToken, declaredType);

    protected async Task<JsonNode> UploadOkAsync(Guid entryId, byte[] bytes, string fileName, string accessToken, string type = "document")
    {
        using var response = await UploadAsync(entryId, bytes, fileName, type, accessToken);
        var body = await BodyAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        return body["data"]!;
    }

    protected async Task<HttpResponseMessage> SendWithTokenAsync(HttpMethod method, string path, string? accessToken, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        configure?.Invoke(request);
        return await Client.SendAsync(request);
    }

    protected Task<long> FileRowsAsync() => Database.ScalarAsync<long>("SELECT count(*) FROM gear_files");

    protected static (string Field, string Message)[] Details(JsonNode body) =>
        body["error"]!["details"]!.AsArray().Select(d => (d!["field"]!.GetValue<string>(), d["message"]!.GetValue<string>())).ToArray();

    protected static string FileNameOf(HttpResponseMessage response)
    {
        var disposition = response.Content.Headers.ContentDisposition!;
        return disposition.FileNameStar ?? disposition.FileName!.Trim('"');
    }

    /// <summary>The header as the server wrote it, not as HttpClient re-serialises it.</summary>
    protected static string RawContentDisposition(HttpResponseMessage response) =>
        response.Content.Headers.NonValidated.TryGetValues("Content-Disposition", out var values) ? values.ToString() : string.Empty;

    /// <summary>A minimal well-formed PDF with <paramref name="pages"/> empty pages and a correct cross-reference table.</summary>
    protected static byte[] Pdf(int pages)
    {
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            $"<< /Type /Pages /Kids [{string.Join(' ', Enumerable.Range(3, pages).Select(n => $"{n} 0 R"))}] /Count {pages} >>",
        };
        objects.AddRange(Enumerable.Repeat("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>", pages));
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append($"{offset:D10} 00000 n \n");
        }

        pdf.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    protected static byte[] Zip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(zip.CreateEntry("manual.pdf").Open());
            entry.Write("%PDF-1.4 inside a zip");
        }

        return buffer.ToArray();
    }
}
