using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Veza.Domain.Mfa;
using Veza.Domain.Ports;
using Veza.Domain.Users;
using Veza.Testing;

namespace Veza.Infrastructure.IntegrationTests;

/// <summary>The second factor's adapters as the API wires them: AES-GCM sealing, the QR code writer, the enrolment repository on PostgreSQL.</summary>
public class MfaAdapterTests : MigratedDatabaseFixture
{
    private const string KeyA = "aW50ZWdyYXRpb24tdGVzdHMtbWZhLWtleS0wMTIzNDU=";
    private const string KeyB = "c2Vjb25kLWtleS1mb3Itcm90YXRpb24tdGVzdHMtMDE=";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private ServiceProvider Host(string key, params string[] retired)
    {
        var settings = new Dictionary<string, string?> { ["Mfa:EncryptionKey"] = key };
        for (var i = 0; i < retired.Length; i++)
        {
            settings[$"Mfa:RetiredEncryptionKeys:{i}"] = retired[i];
        }

        return InfrastructureHost.Create(Database, settings: settings);
    }

    [Test]
    public async Task Secrets_are_sealed_with_a_fresh_nonce_bound_to_their_owner_and_open_after_a_key_rotation()
    {
        var secret = Totp.NewSecret();
        var owner = Guid.NewGuid();
        await using var before = Host(KeyA);
        var protector = before.GetRequiredService<ISecretProtector>();

        var sealedOnce = protector.Protect(secret, owner);
        var sealedTwice = protector.Protect(secret, owner);

        Assert.Multiple(() =>
        {
            Assert.That(sealedOnce.Ciphertext, Is.Not.EqualTo(sealedTwice.Ciphertext), "a fresh nonce each time");
            Assert.That(Convert.FromBase64String(sealedOnce.Ciphertext), Has.Length.EqualTo(12 + secret.Length + 16));
            Assert.That(protector.Unprotect(sealedOnce, owner), Is.EqualTo((secret, false)));
            Assert.Throws(Is.InstanceOf<CryptographicException>(), () => protector.Unprotect(sealedOnce, Guid.NewGuid()), "bound to its owner");
        });

        await using var rotated = Host(KeyB, KeyA);
        var (opened, older) = rotated.GetRequiredService<ISecretProtector>().Unprotect(sealedOnce, owner);
        Assert.That((opened, older), Is.EqualTo((secret, true)), "the retired key still opens it, and says so");
        Assert.That(rotated.GetRequiredService<ISecretProtector>().Protect(secret, owner).KeyId, Is.Not.EqualTo(sealedOnce.KeyId));

        await using var forgotten = Host(KeyB);
        Assert.Throws(Is.InstanceOf<CryptographicException>(), () => forgotten.GetRequiredService<ISecretProtector>().Unprotect(sealedOnce, owner));
    }

    [Test]
    public async Task The_qr_code_is_a_png()
    {
        await using var provider = Host(KeyA);

        var png = provider.GetRequiredService<IQrCodeRenderer>().RenderPng("otpauth://totp/Veza:dj_nova?secret=JBSWY3DPEHPK3PXP&issuer=Veza");

        Assert.That(png[..8], Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
    }

    [Test]
    public async Task An_enrolment_round_trips_with_its_recovery_codes_and_is_held_against_a_second_transaction()
    {
        await using var provider = Host(KeyA);
        var user = User.Register($"u{Guid.NewGuid():N}"[..20], $"{Guid.NewGuid():N}@example.com", "h", Now);
        await using (var scope = provider.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IUserRepository>().Add(user);
            var enrolment = MfaEnrolment.Begin(user.Id, new ProtectedSecret("k", "c2VhbGVk"), Now);
            enrolment.Enable(42, ["h1", "h2"], Now);
            scope.ServiceProvider.GetRequiredService<IMfaEnrolmentRepository>().Add(enrolment);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        }

        await using var first = provider.CreateAsyncScope();
        await using var transaction = await first.ServiceProvider.GetRequiredService<IUnitOfWork>().BeginTransactionAsync(CancellationToken.None);
        var held = await first.ServiceProvider.GetRequiredService<IMfaEnrolmentRepository>().HoldAsync(user.Id, CancellationToken.None);
        Assert.That((held!.LastAcceptedStep, held.RecoveryCodeHashes), Is.EqualTo(((long?)42, (IReadOnlyList<string>)new[] { "h1", "h2" })));

        // A second check of the same account waits for the first to commit, then sees what it spent.
        var second = Task.Run(async () =>
        {
            await using var scope = provider.CreateAsyncScope();
            await using var other = await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().BeginTransactionAsync(CancellationToken.None);
            var enrolment = await scope.ServiceProvider.GetRequiredService<IMfaEnrolmentRepository>().HoldAsync(user.Id, CancellationToken.None);
            return enrolment!.TryUseRecoveryCode("h1", Now);
        });
        await Task.Delay(200);
        Assert.That(second.IsCompleted, Is.False, "held");
        Assert.That(held.TryUseRecoveryCode("h1", Now), Is.True);
        await first.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);

        Assert.That(await second, Is.False, "the code was spent by the first");
        var status = await first.ServiceProvider.GetRequiredService<IMfaEnrolmentRepository>().GetStatusAsync(user.Id, CancellationToken.None);
        Assert.That(status, Is.EqualTo(new MfaStatus(true, status!.EnabledAt, 1)));
        Assert.That(await first.ServiceProvider.GetRequiredService<IMfaEnrolmentRepository>().IsEnabledAsync(user.Id, CancellationToken.None), Is.True);
    }
}
