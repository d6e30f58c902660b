using System.Net;
using System.Text;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// Issue 6, items 3, 4 and 7 over HTTP: control characters, look-alike identities, password length in
/// code points, and the common-password list.
/// </summary>
public class InputHardeningTests : ApiTestBase
{
    private const string Emoji = "\uD83C\uDFB5"; // one code point, two UTF-16 units

    // Before: PostgreSQL refused the NUL (22021) and the API answered 500.
    [Test]
    public async Task A_NUL_in_the_login_is_a_400_naming_the_field()
    {
        using var response = await PostAsync("/api/v1/auth/login", new { login = "a\u0000b", password = Password });

        await AssertFieldsAsync(response, "login");
    }

    [TestCase("dj\u0000nova", "nova@example.com", Password, "username")]
    [TestCase("dj_nova", "nova\u0000@example.com", Password, "email")]
    [TestCase("dj_nova", "nova@example.com", "violet-tape\u0000deck-42", "password")]
    [TestCase("dj_nova", "nova@example.com\u0085", Password, "email")]
    public async Task A_control_character_in_registration_is_a_400_naming_the_field(string username, string email, string password, string field)
    {
        using var response = await PostAsync("/api/v1/auth/register", new { username, email, password });

        await AssertFieldsAsync(response, field);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM users"), Is.Zero);
    }

    [Test]
    public async Task An_escaped_lone_surrogate_is_a_400()
    {
        using var body = new StringContent("{\"login\":\"dj_nova\\ud800\",\"password\":\"" + Password + "\"}", Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/api/v1/auth/login", body);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    // Before: 201, and the stored name with its newline blocked the plain one.
    [Test]
    public async Task A_username_with_a_trailing_newline_is_refused()
    {
        using var response = await PostAsync("/api/v1/auth/register", new { username = "nl24781e00dd\n", email = "nl@example.com", password = Password });

        await AssertFieldsAsync(response, "username");
        await RegisterAsync("nl24781e00dd", "nl@example.com");
    }

    // Before: each of these registered as a second account that looks like nova@example.com.
    [TestCase("nova\u200B@example.com", TestName = "zero-width space")]
    [TestCase("\uFEFFnova@example.com", TestName = "byte order mark")]
    [TestCase("no\u00ADva@example.com", TestName = "soft hyphen")]
    [TestCase("nova\u3164@example.com", TestName = "Hangul filler")]
    [TestCase("\uFF4E\uFF4F\uFF56\uFF41@example.com", TestName = "fullwidth local part")]
    [TestCase("nova@\uFF45\uFF58\uFF41\uFF4D\uFF50\uFF4C\uFF45.com", TestName = "fullwidth domain")]
    public async Task A_look_alike_of_a_registered_email_is_refused(string lookAlike)
    {
        await RegisterAsync();

        using var response = await PostAsync("/api/v1/auth/register", new { username = "someone", email = lookAlike, password = Password });

        var body = await AssertFieldsAsync(response, "email");
        Assert.That(body, Does.Contain("fullwidth"), "the message says what is refused");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM users"), Is.EqualTo(1));
    }

    // Before: 401, the fullwidth forms were compared as they were typed.
    [TestCase("\uFF4E\uFF4F\uFF56\uFF41@\uFF45\uFF58\uFF41\uFF4D\uFF50\uFF4C\uFF45.com")]
    [TestCase("NOVA\uFF20example.com")]
    [TestCase("\uFF24\uFF2A\uFF3F\uFF2E\uFF4F\uFF56\uFF41")]
    public async Task Signing_in_with_a_fullwidth_form_finds_the_same_account(string login)
    {
        var registered = await RegisterAsync();

        var signedIn = await LoginAsync(login);

        Assert.That(signedIn.UserId, Is.EqualTo(registered.UserId));
    }

    // Before: four emoji passed the 8-character minimum, being eight UTF-16 units.
    [Test]
    public async Task Four_emoji_are_too_short_a_password()
    {
        using var response = await PostAsync("/api/v1/auth/register", new { username = "dj_nova", email = "nova@example.com", password = Repeat(Emoji, 4) });

        await AssertFieldsAsync(response, "password");
    }

    // Before: 128 emoji (256 UTF-16 units) were refused as longer than 128 characters.
    [TestCase(8)]
    [TestCase(128)]
    public async Task Eight_to_128_emoji_are_a_password_one_can_register_and_sign_in_with(int count)
    {
        var registered = await RegisterAsync(password: Repeat(Emoji, count));

        Assert.That((await LoginAsync(password: Repeat(Emoji, count))).UserId, Is.EqualTo(registered.UserId));
    }

    // Before: all ten were accepted.
    [TestCaseSource(nameof(CommonPasswords))]
    public async Task A_common_password_is_refused_at_registration(string password)
    {
        using var response = await PostAsync("/api/v1/auth/register", new { username = "dj_nova", email = "nova@example.com", password });

        await AssertFieldsAsync(response, "password");
    }

    [TestCaseSource(nameof(CommonPasswords))]
    public async Task A_common_password_is_refused_at_password_change(string password)
    {
        var tokens = await RegisterAsync();

        using var response = await PutAsync("/api/v1/users/me/password", new { current_password = Password, new_password = password }, tokens.AccessToken);

        await AssertFieldsAsync(response, "new_password");
        await LoginAsync();
    }

    [Test]
    public async Task A_strong_passphrase_is_accepted_at_registration_and_password_change()
    {
        var tokens = await RegisterAsync(password: "cobalt harbour lanterns drift");

        using var response = await PutAsync(
            "/api/v1/users/me/password", new { current_password = "cobalt harbour lanterns drift", new_password = "seven quiet looms at dawn" }, tokens.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        await LoginAsync(password: "seven quiet looms at dawn");
    }

    private static IEnumerable<string> CommonPasswords() =>
        ["password123", "iloveyou123", "P@ssw0rd", "Password123!", "qwerty12345", "welcome123", "letmein123", "sunshine1", "princess1", "superman1"];

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    /// <summary>Asserts a 400 VALIDATION_ERROR whose details name exactly these fields; returns the body's text.</summary>
    private static async Task<string> AssertFieldsAsync(HttpResponseMessage response, params string[] fields)
    {
        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["error"]!["details"]!.AsArray().Select(d => d!["field"]!.GetValue<string>()), Is.EqualTo(fields), body.ToJsonString());
        return body.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
