using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Veza.Domain.Ports;
using Veza.Domain.Users;
using IdentityHasher = Microsoft.AspNetCore.Identity.PasswordHasher<Veza.Domain.Users.User>;

namespace Veza.Infrastructure.Identity;

/// <summary>ASP.NET Core Identity's hasher (v3 format: PBKDF2-HMAC-SHA512, salted, iteration count in the hash).</summary>
public sealed class Pbkdf2PasswordHasher : IPasswordHasher
{
    private readonly IdentityHasher _hasher;
    private readonly Lazy<string> _dummyHash;

    public Pbkdf2PasswordHasher(IOptions<PasswordHashingOptions> options)
    {
        _hasher = new IdentityHasher(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = options.Value.Iterations,
        }));
        _dummyHash = new Lazy<string>(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));
    }

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    public PasswordVerification Verify(string passwordHash, string password)
    {
        try
        {
            return _hasher.VerifyHashedPassword(null!, passwordHash, password) switch
            {
                PasswordVerificationResult.Success => PasswordVerification.Success,
                PasswordVerificationResult.SuccessRehashNeeded => PasswordVerification.SuccessRehashNeeded,
                _ => PasswordVerification.Failed,
            };
        }
        catch (FormatException)
        {
            // Not a hash at all: a deleted account's unusable password ("!"). It never matches, after the
            // same work as a real check so the answer's timing says nothing about the account.
            VerifyAgainstDummy(password);
            return PasswordVerification.Failed;
        }
    }

    public void VerifyAgainstDummy(string password) => _hasher.VerifyHashedPassword(null!, _dummyHash.Value, password);
}
