using Veza.Domain.Common;
using Veza.Domain.Mfa;

namespace Veza.Domain.Tests;

public class MfaEnrolmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid UserId = Guid.CreateVersion7(Now);
    private static readonly ProtectedSecret Sealed = new("k1", "c2VhbGVk");

    [Test]
    public void A_new_enrolment_is_pending_until_a_first_code_turns_it_on_and_spends_that_step()
    {
        var enrolment = MfaEnrolment.Begin(UserId, Sealed, Now);
        Assert.That(enrolment.IsEnabled, Is.False);

        enrolment.Enable(1000, ["h1", "h2"], Now);

        Assert.Multiple(() =>
        {
            Assert.That(enrolment.IsEnabled, Is.True);
            Assert.That(enrolment.EnabledAt, Is.EqualTo(Now));
            Assert.That(enrolment.LastAcceptedStep, Is.EqualTo(1000));
            Assert.That(enrolment.TryAcceptStep(1000, Now), Is.False, "the confirming code counts as used");
            Assert.That(enrolment.RecoveryCodeHashes, Is.EqualTo(new[] { "h1", "h2" }));
        });
    }

    [Test]
    public void A_second_setup_replaces_the_pending_secret_but_not_an_enabled_one()
    {
        var enrolment = MfaEnrolment.Begin(UserId, Sealed, Now);
        enrolment.Restart(new ProtectedSecret("k2", "bmV3"), Now.AddMinutes(1));
        Assert.That(enrolment.Secret, Is.EqualTo(new ProtectedSecret("k2", "bmV3")));

        enrolment.Enable(5, [], Now);
        Assert.Throws<DomainException>(() => enrolment.Restart(Sealed, Now));
        Assert.Throws<DomainException>(() => enrolment.Enable(6, [], Now));
    }

    [Test]
    public void Steps_are_accepted_only_forwards()
    {
        var enrolment = MfaEnrolment.Begin(UserId, Sealed, Now);
        enrolment.Enable(10, [], Now);

        Assert.Multiple(() =>
        {
            Assert.That(enrolment.TryAcceptStep(9, Now), Is.False);
            Assert.That(enrolment.TryAcceptStep(11, Now), Is.True);
            Assert.That(enrolment.TryAcceptStep(11, Now), Is.False, "replay");
            Assert.That(enrolment.TryAcceptStep(10, Now), Is.False, "an older code after a newer one");
        });
    }

    [Test]
    public void A_recovery_code_works_once_and_new_codes_retire_the_old_ones()
    {
        var enrolment = MfaEnrolment.Begin(UserId, Sealed, Now);
        enrolment.Enable(1, ["h1", "h2"], Now);

        Assert.That(enrolment.TryUseRecoveryCode("h1", Now), Is.True);
        Assert.That(enrolment.TryUseRecoveryCode("h1", Now), Is.False);
        Assert.That(enrolment.RecoveryCodeHashes, Is.EqualTo(new[] { "h2" }));

        enrolment.ReplaceRecoveryCodes(["h3"], Now);
        Assert.That(enrolment.TryUseRecoveryCode("h2", Now), Is.False);
        Assert.That(enrolment.TryUseRecoveryCode("h3", Now), Is.True);
    }

    [Test]
    public void Recovery_codes_need_the_factor_on()
    {
        var enrolment = MfaEnrolment.Begin(UserId, Sealed, Now);
        Assert.Throws<DomainException>(() => enrolment.TryUseRecoveryCode("h1", Now));
        Assert.Throws<DomainException>(() => enrolment.ReplaceRecoveryCodes(["h1"], Now));
    }

    [Test]
    public void Recovery_codes_are_ten_distinct_120_bit_codes_hashed_whatever_their_spelling()
    {
        var codes = RecoveryCodes.Generate();

        Assert.Multiple(() =>
        {
            Assert.That(codes, Has.Count.EqualTo(RecoveryCodes.Count).And.Unique);
            Assert.That(codes, Has.All.Match("^[a-z2-7]{6}(-[a-z2-7]{6}){3}$"));
            Assert.That(RecoveryCodes.Hash(codes[0].ToUpperInvariant().Replace("-", " ")), Is.EqualTo(RecoveryCodes.Hash(codes[0])));
            Assert.That(RecoveryCodes.Hash(codes[0]), Is.Not.EqualTo(RecoveryCodes.Hash(codes[1])));
            Assert.That(RecoveryCodes.Hash(codes[0]), Has.Length.EqualTo(64));
        });
    }
}
