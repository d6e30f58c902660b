using System.Net;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// Function- and object-level authorization, one row per endpoint: each is called as anonymous, the
/// owner, another user, a moderator, an admin and a super admin, and every status is asserted. A new
/// endpoint adds a row. Calls that change state run on accounts made for this fixture, and rows are
/// ordered so a destructive one comes last for its caller.
/// </summary>
public class AuthorizationMatrixTests : ApiTestBase
{
    private static readonly string[] Callers = ["anonymous", "owner", "other", "moderator", "admin", "super_admin"];

    /// <summary>A body starting with this is sent as multipart/form-data with the rest as the file "file".</summary>
    private const string MultipartFile = "multipart-file:";

    /// <summary>A private track of the owner's whose processing failed (made in SQL: uploads have their own tests).</summary>
    private static readonly Guid OwnerTrack = Guid.Parse("0193a5c4-2b1a-7e00-9c21-000000000001");

    private readonly Dictionary<string, Tokens> _tokens = [];

    protected override bool ResetBetweenTests => false;

    /// <summary>
    /// Uploads that pass authorization reach storage before they are refused: keep them out of the checkout.
    /// No job worker: processing would change the state of {owner_track} while the rows run.
    /// </summary>
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Root"] = Path.Combine(Path.GetTempPath(), "veza-matrix-storage"),
        ["Jobs:WorkerEnabled"] = "false",
    };

    [OneTimeSetUp]
    public async Task CreateOneAccountPerRole()
    {
        await Database.ResetAsync();
        foreach (var (caller, role) in new[] { ("owner", "user"), ("other", "user"), ("moderator", "moderator"), ("admin", "admin"), ("super_admin", "super_admin"), ("target", "user") })
        {
            _tokens[caller] = await RegisterAsync($"matrix_{caller}", $"{caller.Replace('_', '.')}@matrix.example.com");
            await Database.ScalarAsync<int>("UPDATE users SET role = @role WHERE id = @id RETURNING 1", ("role", role), ("id", _tokens[caller].UserId));
            // Tokens carry the role: sign in again to get one with it.
            _tokens[caller] = await LoginAsync($"matrix_{caller}");
        }

        await Database.ScalarAsync<int>(
            """
            INSERT INTO tracks (id, owner_id, title, title_from_file_name, visibility, status, failure, original_key, original_format, original_bytes,
                                content_hash, stored_bytes, created_at, updated_at)
            VALUES (@id, @owner, 'Matrix', false, 'private', 'failed', 'corrupt', 'tracks/x/original', 'wav', 10, repeat('a', 64), 10, now(), now())
            RETURNING 1
            """,
            ("id", OwnerTrack), ("owner", _tokens["owner"].UserId));
    }

    /// <summary>
    /// Expected statuses in the order of <see cref="Callers"/>. {owner} in a path or body is the owner's
    /// id; {target} is a plain account nobody calls as (blocked and reported by the others, so those rows
    /// cannot change what the owner's rows see); {owner_track} is the owner's failed private track; {caller} is the calling account's username (so
    /// per-login throttles see one failure each). Admin routes have their own matrix (AdminAuthorizationMatrixTests).
    /// </summary>
    private static IEnumerable<TestCaseData> Rows()
    {
        yield return Row("GET", "/health", null, 200, 200, 200, 200, 200, 200);
        yield return Row("POST", "/api/v1/auth/register", """{"username":"reg_{caller}","email":"reg.{caller}@matrix.example.com","password":"violet-tape-deck-42"}""", 201, 201, 201, 201, 201, 201);
        yield return Row("GET", "/ready", null, 200, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/auth/me", null, 401, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/auth/test", null, 401, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/users/me", null, 401, 200, 200, 200, 200, 200);
        yield return Row("POST", "/api/v1/auth/login", """{"login":"matrix_{caller}","password":"wrong-password-1"}""", 401, 401, 401, 401, 401, 401);
        yield return Row("POST", "/api/v1/auth/logout", """{"refresh_token":"not-a-token-of-anyone"}""", 401, 401, 401, 401, 401, 401);
        yield return Row("POST", "/api/v1/auth/refresh", """{"refresh_token":"not-a-token-of-anyone"}""", 401, 401, 401, 401, 401, 401);
        // Authorized callers pass authorization and are stopped by the wrong current password (400).
        // Avatars: a text file is not an image (415) once authorization passed; nobody has one yet (404).
        yield return Row("PUT", "/api/v1/users/me/avatar", $"{MultipartFile}just text", 401, 415, 415, 415, 415, 415);
        yield return Row("GET", "/api/v1/users/{owner}/avatar?size=128", null, 404, 404, 404, 404, 404, 404);
        yield return Row("DELETE", "/api/v1/users/me/avatar", null, 401, 200, 200, 200, 200, 200);
        // Profiles and the social graph: signed-in users only; object-level rules where one's own id matters.
        yield return Row("GET", "/api/v1/users?page=1&limit=5", null, 401, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/users/search?q=matrix", null, 401, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/users/except-me", null, 401, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/users/{owner}", null, 401, 200, 200, 200, 200, 200);
        yield return Row("PUT", "/api/v1/users/me", """{"bio":"Plays modular synths."}""", 401, 200, 200, 200, 200, 200);
        yield return Row("PUT", "/api/v1/users/me", """{"bio":"x","role":"admin"}""", 401, 400, 400, 400, 400, 400);
        yield return Row("GET", "/api/v1/users/me/stats", null, 401, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/users/me/preferences", null, 401, 200, 200, 200, 200, 200);
        yield return Row("PUT", "/api/v1/users/me/preferences", """{"audio":{"autoplay":false}}""", 401, 200, 200, 200, 200, 200);
        yield return Row("POST", "/api/v1/users/{owner}/follow", null, 401, 422, 200, 200, 200, 200);
        // Unfollowing is idempotent: there is nothing to undo for oneself either.
        yield return Row("DELETE", "/api/v1/users/{owner}/follow", null, 401, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/users/{owner}/followers", null, 401, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/users/{owner}/following", null, 401, 200, 200, 200, 200, 200);
        yield return Row("POST", "/api/v1/users/{target}/block", null, 401, 200, 200, 200, 200, 200);
        yield return Row("GET", "/api/v1/users/me/blocks", null, 401, 200, 200, 200, 200, 200);
        yield return Row("DELETE", "/api/v1/users/{target}/block", null, 401, 200, 200, 200, 200, 200);
        yield return Row("DELETE", "/api/v1/users/me", """{"password":"not-my-password"}""", 401, 400, 400, 400, 400, 400);
        yield return Row("POST", "/api/v1/reports", """{"target_type":"user","target_id":"{target}","reason":"spam","details":"matrix"}""", 401, 201, 201, 201, 201, 201);
        // Sessions: one's own only (another user's session answers 404, see SessionManagementTests).
        yield return Row("GET", "/api/v1/auth/sessions", null, 401, 200, 200, 200, 200, 200);
        yield return Row("DELETE", "/api/v1/auth/sessions/0193a5b2-7c1e-7d3a-9f10-000000000000", null, 401, 404, 404, 404, 404, 404);
        yield return Row("DELETE", "/api/v1/auth/sessions", null, 401, 200, 200, 200, 200, 200);
        // Tracks: a text file is not audio (415) once authorization passed. Reprocess: the owner queues the failed
        // private track again (202); others cannot see it (404); admins can, and find it processing by then (422).
        yield return Row("POST", "/api/v1/tracks", $"{MultipartFile}just text", 401, 415, 415, 415, 415, 415);
        yield return Row("POST", "/api/v1/tracks/{owner_track}/reprocess", null, 401, 202, 404, 404, 422, 422);
        yield return Row("POST", "/api/v1/tracks/0193a5b2-7c1e-7d3a-9f10-000000000000/reprocess", null, 401, 404, 404, 404, 404, 404);
        yield return Row("GET", "/api/v1/users/me/quota", null, 401, 200, 200, 200, 200, 200);
        yield return Row("PUT", "/api/v1/users/me/password", """{"current_password":"not-my-password","new_password":"amber-reel-to-reel-7"}""", 401, 400, 400, 400, 400, 400);
    }

    [TestCaseSource(nameof(Rows))]
    public async Task Each_caller_gets_the_expected_status(string method, string path, string? body, int[] expected)
    {
        var actual = new List<string>();
        for (var i = 0; i < Callers.Length; i++)
        {
            var token = Callers[i] == "anonymous" ? null : _tokens[Callers[i]].AccessToken;
            using var request = new HttpRequestMessage(new HttpMethod(method), Fill(path, Callers[i]));
            if (body is not null && body.StartsWith(MultipartFile, StringComparison.Ordinal))
            {
                request.Content = new MultipartFormDataContent { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body[MultipartFile.Length..])), "file", "avatar.png" } };
            }
            else if (body is not null)
            {
                request.Content = new StringContent(Fill(body, Callers[i]), System.Text.Encoding.UTF8, "application/json");
            }

            if (token is not null)
            {
                request.Headers.Authorization = new("Bearer", token);
            }

            using var response = await Client.SendAsync(request);
            actual.Add($"{Callers[i]}={(int)response.StatusCode}");
        }

        Assert.That(actual, Is.EqualTo(Callers.Select((c, i) => $"{c}={expected[i]}")), $"{method} {path}");
    }

    [Test]
    public async Task A_profile_shows_its_email_only_to_its_owner_and_admins()
    {
        var seen = new List<string>();
        foreach (var caller in Callers.Skip(1))
        {
            using var response = await GetAsync($"/api/v1/users/{_tokens["owner"].UserId}", _tokens[caller].AccessToken);
            var email = (await BodyAsync(response))["data"]?["email"]?.GetValue<string>();
            seen.Add($"{caller}={(email is null ? "hidden" : "shown")}");
        }

        Assert.That(seen, Is.EqualTo(new[] { "owner=shown", "other=hidden", "moderator=hidden", "admin=shown", "super_admin=shown" }));
    }

    private string Fill(string text, string caller) =>
        text.Replace("{owner_track}", OwnerTrack.ToString(), StringComparison.Ordinal)
            .Replace("{owner}", _tokens["owner"].UserId.ToString(), StringComparison.Ordinal)
            .Replace("{target}", _tokens["target"].UserId.ToString(), StringComparison.Ordinal)
            .Replace("{caller}", caller, StringComparison.Ordinal);

    private static int _rows;

    private static TestCaseData Row(string method, string path, string? body, params int[] expected) =>
        new TestCaseData(method, path, body, expected).SetName($"{++_rows:00} {method} {path.Replace('.', '_')}");
}
