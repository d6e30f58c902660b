using Veza.Domain.Common;
using Veza.Domain.Users;

namespace Veza.Domain.Tests;

public class AccountRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [TestCaseSource(typeof(AccountRuleCases), nameof(AccountRuleCases.Usernames))]
    public void The_entity_accepts_a_username_exactly_when_the_rule_does(string? username, bool valid)
    {
        Assert.That(UsernameRules.IsValid(username), Is.EqualTo(valid));
        Assert.That(AccountRuleCases.EntityAccepts(username, "nova@example.com"), Is.EqualTo(valid));
    }

    [TestCaseSource(typeof(AccountRuleCases), nameof(AccountRuleCases.Emails))]
    public void The_entity_accepts_an_email_exactly_when_the_rule_does(string? email, bool valid)
    {
        Assert.That(EmailRules.IsValid(email), Is.EqualTo(valid));
        Assert.That(AccountRuleCases.EntityAccepts("dj_nova", email), Is.EqualTo(valid));
    }

    [Test]
    public void The_entity_refuses_with_the_rules_own_message()
    {
        Assert.That(Assert.Throws<DomainException>(() => User.Register("DJ_Nova", "nova@example.com", "hash", Now))!.Message, Is.EqualTo(UsernameRules.Message));
        Assert.That(Assert.Throws<DomainException>(() => User.Register("dj_nova", "nova@example", "hash", Now))!.Message, Is.EqualTo(EmailRules.Message));
    }

    [TestCase("dj_nova", "dj_nova")]
    [TestCase(" DJ_Nova ", "dj_nova")]
    [TestCase("\uFF24\uFF2A\uFF3F\uFF2E\uFF4F\uFF56\uFF41", "dj_nova")]
    public void Usernames_compare_in_NFKC_trimmed_and_in_lower_case(string typed, string normalized) =>
        Assert.That(UsernameRules.Normalize(typed), Is.EqualTo(normalized));

    [TestCase("nova@example.com", "nova@example.com")]
    [TestCase(" Nova@Example.COM ", "nova@example.com")]
    [TestCase("\uFF4E\uFF4F\uFF56\uFF41@example.com", "nova@example.com")]
    [TestCase("nova@\uFF45\uFF58\uFF41\uFF4D\uFF50\uFF4C\uFF45.com", "nova@example.com")]
    [TestCase("\uFF2E\uFF2F\uFF36\uFF21\uFF20Example.com\u3000", "nova@example.com")]
    [TestCase("jose\u0301@example.com", "jos\u00E9@example.com")]
    public void Emails_compare_in_NFKC_trimmed_and_in_lower_case(string typed, string normalized) =>
        Assert.That(EmailRules.Normalize(typed), Is.EqualTo(normalized));

    [TestCase("nova@example.com", true)]
    [TestCase("nova\uFF20example.com", true)]
    [TestCase("DJ_Nova", false)]
    public void A_login_with_an_at_sign_is_an_email(string login, bool isEmail) =>
        Assert.That(EmailRules.IsEmailLogin(login), Is.EqualTo(isEmail));
}
