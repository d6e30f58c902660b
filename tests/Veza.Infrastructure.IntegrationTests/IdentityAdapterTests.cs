using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using NSubstitute;
using Veza.Domain.Auditing;
using Veza.Domain.Common;
using Veza.Domain.Ports;
using Veza.Domain.Users;
using Veza.Infrastructure.Identity;
using Veza.Infrastructure.Persistence;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Infrastructure.IntegrationTests;

public class IdentityAdapterTests
{
    private static readonly JwtOptions Jwt = new() { SigningKey = InfrastructureHost.SigningKey };

    [Test]
    public void Hashes_are_pbkdf2_sha512_with_at_least_210000_iterations_and_verify()
    {
        var hasher = new Pbkdf2PasswordHasher(Options.Create(new PasswordHashingOptions()));

        var hash = hasher.Hash("violet-tape-deck-42");
        var bytes = Convert.FromBase64String(hash);

        Assert.Multiple(() =>
        {
            Assert.That(bytes[0], Is.EqualTo(0x01), "Identity v3 format");
            Assert.That(ReadUInt32(bytes, 1), Is.EqualTo(2u), "PRF = HMACSHA512");
            Assert.That(ReadUInt32(bytes, 5), Is.GreaterThanOrEqualTo(210_000u));
            Assert.That(hasher.Verify(hash, "violet-tape-deck-42"), Is.EqualTo(PasswordVerification.Success));
            Assert.That(hasher.Verify(hash, "violet-tape-deck-43"), Is.EqualTo(PasswordVerification.Failed));
            Assert.That(hasher.Hash("violet-tape-deck-42"), Is.Not.EqualTo(hash), "salted");
        });
    }

    [Test]
    public void A_hash_under_fewer_iterations_asks_for_a_rehash()
    {
        var current = new Pbkdf2PasswordHasher(Options.Create(new PasswordHashingOptions()));
        var stronger = new Pbkdf2PasswordHasher(Options.Create(new PasswordHashingOptions { Iterations = 250_000 }));

        Assert.That(stronger.Verify(current.Hash("violet-tape-deck-42"), "violet-tape-deck-42"), Is.EqualTo(PasswordVerification.SuccessRehashNeeded));
    }

    [Test]
    public async Task Access_tokens_carry_the_contract_claims_and_validate()
    {
        var tokens = new JwtTokenService(Options.Create(Jwt));
        var user = User.Register("dj_nova", "nova@example.com", "h", DateTimeOffset.UtcNow, Role.Moderator);
        var sessionId = Guid.NewGuid();

        var access = tokens.CreateAccessToken(user, sessionId, DateTimeOffset.UtcNow);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(access.Token, Jwt.CreateValidationParameters());

        Assert.That(result.IsValid, Is.True, result.Exception?.Message);
        Assert.Multiple(() =>
        {
            Assert.That(result.Claims[JwtClaimNames.Subject], Is.EqualTo(user.Id.ToString()));
            Assert.That(result.Claims[JwtClaimNames.Username], Is.EqualTo("dj_nova"));
            Assert.That(result.Claims[JwtClaimNames.Role], Is.EqualTo("moderator"));
            Assert.That(result.Claims[JwtClaimNames.SessionId], Is.EqualTo(sessionId.ToString()));
        });
    }

    [Test]
    public async Task Expired_and_tampered_tokens_do_not_validate()
    {
        var tokens = new JwtTokenService(Options.Create(Jwt));
        var user = User.Register("dj_nova", "nova@example.com", "h", DateTimeOffset.UtcNow);
        var expired = tokens.CreateAccessToken(user, Guid.NewGuid(), DateTimeOffset.UtcNow.AddHours(-1));
        var valid = tokens.CreateAccessToken(user, Guid.NewGuid(), DateTimeOffset.UtcNow).Token;
        var parts = valid.Split('.');
        var tampered = $"{parts[0]}.{parts[1]}x.{parts[2]}";

        var handler = new JsonWebTokenHandler();
        Assert.That((await handler.ValidateTokenAsync(expired.Token, Jwt.CreateValidationParameters())).IsValid, Is.False);
        Assert.That((await handler.ValidateTokenAsync(tampered, Jwt.CreateValidationParameters())).IsValid, Is.False);
    }

    [Test]
    public void Refresh_tokens_are_256_random_bits_and_stored_as_sha256_hex()
    {
        var tokens = new JwtTokenService(Options.Create(Jwt));

        var token = tokens.CreateOpaqueToken();

        Assert.That(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(token), Has.Length.EqualTo(32));
        Assert.That(tokens.CreateOpaqueToken(), Is.Not.EqualTo(token));
        var hash = tokens.HashOpaqueToken(token);
        Assert.That(hash, Does.Match("^[0-9a-f]{64}$"));
        Assert.That(new JwtTokenService(Options.Create(Jwt)).HashOpaqueToken(token), Is.EqualTo(hash), "deterministic, so it can be looked up");
    }

    [Test]
    public void The_common_password_list_loads_about_a_hundred_thousand_entries_and_ignores_case()
    {
        var list = new EmbeddedCommonPasswordList();

        Assert.That(list.Count, Is.GreaterThanOrEqualTo(90_000));
        Assert.That(list.Contains("password"), Is.True);
        Assert.That(list.Contains("PassWord"), Is.True);
        Assert.That(list.Contains("qwertyuiop"), Is.True);
        Assert.That(list.Contains("violet-tape-deck-42"), Is.False);
        Assert.That(list.Contains("amber-reel-to-reel-7"), Is.False);
    }

    // Issue 6: all ten were accepted with the old list, whose long-enough entries numbered 2,086.
    // Password123! is listed as password123; the appended '!' is the policy's to strip (AccountRules).
    [TestCase("password123")]
    [TestCase("iloveyou123")]
    [TestCase("P@ssw0rd")]
    [TestCase("qwerty12345")]
    [TestCase("welcome123")]
    [TestCase("letmein123")]
    [TestCase("sunshine1")]
    [TestCase("princess1")]
    [TestCase("superman1")]
    public void The_common_password_list_holds_what_attackers_try_first(string password) =>
        Assert.That(new EmbeddedCommonPasswordList().Contains(password), Is.True);

    [Test]
    public void The_common_password_list_holds_nothing_the_policy_would_refuse_anyway()
    {
        var list = new EmbeddedCommonPasswordList();

        Assert.That(list.Contains("qwerty"), Is.False, "shorter than 8: the length rule refuses it already");
        Assert.That(list.Contains("password\r"), Is.False, "the upstream file's CR line endings are not part of its passwords");
    }

    [Test]
    public async Task The_audit_trail_stamps_time_from_the_clock_and_origin_from_the_caller()
    {
        var at = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        var clock = Substitute.For<IClock>();
        clock.UtcNow.Returns(at);
        await using var database = await TestDatabase.CreateAsync();
        await using var provider = InfrastructureHost.Create(database, clock: clock);
        await provider.GetRequiredService<SqlMigrator>().MigrateAsync(CancellationToken.None);
        var caller = provider.GetRequiredService<ICurrentUser>();
        caller.IpAddress.Returns("203.0.113.7");
        caller.UserAgent.Returns(new string('u', ClientText.UserAgentMaxLength + 100));
        var actor = Guid.NewGuid();

        await using (var scope = provider.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IAuditTrail>().Record(AuditActions.Login, AuditOutcomes.Failure, actor, "wrong password");
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        }

        await using var read = provider.CreateAsyncScope();
        var stored = await read.ServiceProvider.GetRequiredService<VezaDbContext>().AuditEvents.AsNoTracking().SingleAsync();
        Assert.Multiple(() =>
        {
            Assert.That(stored.Action, Is.EqualTo(AuditActions.Login));
            Assert.That(stored.Outcome, Is.EqualTo(AuditOutcomes.Failure));
            Assert.That(stored.ActorUserId, Is.EqualTo(actor));
            Assert.That(stored.Detail, Is.EqualTo("wrong password"));
            Assert.That(stored.OccurredAt, Is.EqualTo(at));
            Assert.That(stored.IpAddress, Is.EqualTo("203.0.113.7"));
            Assert.That(stored.UserAgent, Has.Length.EqualTo(ClientText.UserAgentMaxLength), "kept to what the column holds");
        });
    }

    private static uint ReadUInt32(byte[] bytes, int offset) =>
        (uint)(bytes[offset] << 24 | bytes[offset + 1] << 16 | bytes[offset + 2] << 8 | bytes[offset + 3]);
}
