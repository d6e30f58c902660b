using Veza.Domain.AccountTokens;
using Veza.Domain.Common;
using Veza.Domain.Users;

namespace Veza.Domain.Tests;

public class AccountTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_token_lives_as_long_as_its_purpose_says_and_keeps_only_the_hash_and_payload()
    {
        var userId = Guid.NewGuid();
        var token = AccountToken.Issue(userId, AccountTokenPurpose.EmailChange, "hash", Now, "new@example.com");

        Assert.Multiple(() =>
        {
            Assert.That(token.UserId, Is.EqualTo(userId));
            Assert.That(token.TokenHash, Is.EqualTo("hash"));
            Assert.That(token.Payload, Is.EqualTo("new@example.com"));
            Assert.That(token.ExpiresAt, Is.EqualTo(Now.AddHours(24)));
            Assert.That(AccountToken.Issue(userId, AccountTokenPurpose.PasswordReset, "h", Now).ExpiresAt, Is.EqualTo(Now.AddMinutes(30)));
            Assert.That(AccountToken.Issue(userId, AccountTokenPurpose.MagicLink, "h", Now).ExpiresAt, Is.EqualTo(Now.AddMinutes(15)));
            Assert.That(AccountToken.Issue(userId, AccountTokenPurpose.EmailVerification, "h", Now).ExpiresAt, Is.EqualTo(Now.AddHours(24)));
        });
        Assert.Throws<ArgumentException>(() => AccountToken.Issue(userId, AccountTokenPurpose.MagicLink, "", Now));
    }

    [Test]
    public void Redeeming_spends_the_token_once()
    {
        var token = AccountToken.Issue(Guid.NewGuid(), AccountTokenPurpose.PasswordReset, "hash", Now);

        Assert.That(token.Redeem(Now.AddMinutes(1)), Is.EqualTo(AccountTokenRedemption.Redeemed));
        Assert.That(token.RedeemedAt, Is.EqualTo(Now.AddMinutes(1)));
        Assert.That(token.Redeem(Now.AddMinutes(2)), Is.EqualTo(AccountTokenRedemption.AlreadyRedeemed));
        Assert.That(token.RedeemedAt, Is.EqualTo(Now.AddMinutes(1)), "the first redemption is kept");
        Assert.That(token.IsUsableAt(Now.AddMinutes(2)), Is.False);
    }

    [Test]
    public void A_token_works_until_the_instant_before_it_expires_and_not_at_that_instant()
    {
        var justInTime = AccountToken.Issue(Guid.NewGuid(), AccountTokenPurpose.MagicLink, "a", Now);
        var late = AccountToken.Issue(Guid.NewGuid(), AccountTokenPurpose.MagicLink, "b", Now);
        var expiry = Now.AddMinutes(15);

        Assert.Multiple(() =>
        {
            Assert.That(justInTime.IsUsableAt(expiry.AddTicks(-1)), Is.True);
            Assert.That(late.IsUsableAt(expiry), Is.False);
            Assert.That(justInTime.Redeem(expiry.AddTicks(-1)), Is.EqualTo(AccountTokenRedemption.Redeemed));
            Assert.That(late.Redeem(expiry), Is.EqualTo(AccountTokenRedemption.Expired));
            Assert.That(late.RedeemedAt, Is.Null);
        });
    }

    [Test]
    public void A_superseded_token_is_refused_even_before_it_expires()
    {
        var token = AccountToken.Issue(Guid.NewGuid(), AccountTokenPurpose.EmailVerification, "hash", Now);

        token.Supersede(Now.AddMinutes(5));

        Assert.Multiple(() =>
        {
            Assert.That(token.SupersededAt, Is.EqualTo(Now.AddMinutes(5)));
            Assert.That(token.IsUsableAt(Now.AddMinutes(6)), Is.False);
            Assert.That(token.Redeem(Now.AddMinutes(6)), Is.EqualTo(AccountTokenRedemption.Superseded));
        });
    }

    [Test]
    public void Superseding_a_spent_or_expired_token_leaves_it_as_it_was()
    {
        var spent = AccountToken.Issue(Guid.NewGuid(), AccountTokenPurpose.PasswordReset, "a", Now);
        spent.Redeem(Now);
        var expired = AccountToken.Issue(Guid.NewGuid(), AccountTokenPurpose.PasswordReset, "b", Now);

        spent.Supersede(Now.AddMinutes(1));
        expired.Supersede(Now.AddHours(1));

        Assert.That(spent.SupersededAt, Is.Null);
        Assert.That(expired.SupersededAt, Is.Null);
        Assert.That(spent.Redeem(Now.AddMinutes(2)), Is.EqualTo(AccountTokenRedemption.AlreadyRedeemed));
    }

    [Test]
    public void Purpose_names_round_trip_for_storage()
    {
        foreach (var purpose in Enum.GetValues<AccountTokenPurpose>())
        {
            Assert.That(AccountTokenPurposes.Parse(purpose.ToName()), Is.EqualTo(purpose));
        }
    }

    [Test]
    public void Changing_the_email_moves_the_account_and_counts_the_new_address_as_verified()
    {
        var user = User.Register("dj_nova", "nova@example.com", "hash", Now);

        user.ChangeEmail("Nova@Studio.example", Now.AddDays(1));

        Assert.Multiple(() =>
        {
            Assert.That(user.Email, Is.EqualTo("Nova@Studio.example"));
            Assert.That(user.NormalizedEmail, Is.EqualTo("nova@studio.example"));
            Assert.That(user.EmailVerifiedAt, Is.EqualTo(Now.AddDays(1)));
            Assert.That(user.UpdatedAt, Is.EqualTo(Now.AddDays(1)));
        });
        Assert.Throws<DomainException>(() => user.ChangeEmail("not-an-email", Now));
        user.Delete(Now.AddDays(2));
        Assert.Throws<DomainException>(() => user.ChangeEmail("back@example.com", Now.AddDays(3)));
    }
}
