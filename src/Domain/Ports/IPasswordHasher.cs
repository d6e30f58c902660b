namespace Veza.Domain.Ports;

public enum PasswordVerification
{
    Failed,
    Success,
    /// <summary>Correct, but hashed under older parameters: store a fresh hash.</summary>
    SuccessRehashNeeded,
}

public interface IPasswordHasher
{
    string Hash(string password);

    PasswordVerification Verify(string passwordHash, string password);

    /// <summary>Spends the time of one verification without a real hash, so unknown accounts answer as slowly as known ones.</summary>
    void VerifyAgainstDummy(string password);
}
