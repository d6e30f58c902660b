using NSubstitute;
using Veza.Application.Auth.Commands.Login;
using Veza.Application.Auth.Commands.Register;
using Veza.Application.Common.Exceptions;
using Veza.Application.Users;
using Veza.Application.Users.Commands.ChangePassword;

namespace Veza.Application.Tests;

/// <summary>Length in code points (NIST SP 800-63B), and the common-password list with its variants.</summary>
public class PasswordPolicyTests : UseCaseTestBase
{
    private const string Password = "violet-tape-deck-42";
    private const string Emoji = "\uD83C\uDFB5"; // one code point, two UTF-16 units

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    [Test]
    public void Four_emoji_are_four_characters_not_eight()
    {
        var error = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", Repeat(Emoji, 4))));

        Assert.That(error!.Errors.Single(), Is.EqualTo(new FieldError("password", $"Password must be at least {AccountRules.PasswordMinLength} characters.")));
    }

    [TestCase(8)]
    [TestCase(128)]
    public async Task Emoji_passwords_of_8_to_128_code_points_register_and_sign_in(int count)
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", Repeat(Emoji, count)));

        Assert.That((await App.SendAsync(new LoginCommand("dj_nova", Repeat(Emoji, count)))).User!.Username, Is.EqualTo("dj_nova"));
    }

    [Test]
    public void A_password_of_129_code_points_is_too_long_to_choose_or_to_submit()
    {
        Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", Repeat(Emoji, 129))));
        var login = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new LoginCommand("dj_nova", Repeat(Emoji, 129))));
        Assert.That(login!.Errors.Single().Field, Is.EqualTo("password"));
    }

    // The harness lists "password" and "Password" (case is the adapter's to ignore); the policy adds
    // the variants with symbols appended.
    [TestCase("password")]
    [TestCase("Password!")]
    [TestCase("password!!??")]
    [TestCase("password. ")]
    [TestCase("password\u2605\u2605")]
    public void A_listed_password_is_refused_with_symbols_appended(string password)
    {
        var error = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", password)));

        Assert.That(error!.Errors.Single(), Is.EqualTo(new FieldError("password", AccountRules.CommonPasswordMessage)));
    }

    [TestCase("password1!")]
    [TestCase("!password")]
    [TestCase("!!!!!!!!")]
    [TestCase("pass word")]
    public async Task Variants_other_than_appended_symbols_are_not_the_listed_password(string password)
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", password));

        Assert.That(App.StoredUsers.Single().PasswordHash, Is.EqualTo("pbkdf2:" + password));
    }

    [Test]
    public async Task A_new_password_is_held_to_the_list_too()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", Password));
        App.SignInAs(App.StoredUsers.Single(), App.StoredSessions.Single().Id);
        App.CommonPasswords.Contains("Welcome123").Returns(true);

        var error = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new ChangePasswordCommand(Password, "Welcome123!")));

        Assert.That(error!.Errors.Single(), Is.EqualTo(new FieldError("new_password", AccountRules.CommonPasswordMessage)));
    }
}
