namespace Veza.Domain.Ports;

/// <summary>The most common passwords, which are refused however long they are.</summary>
public interface ICommonPasswordList
{
    /// <summary>
    /// Whether this exact password, compared without regard to case, is on the list. Variants (symbols
    /// appended) are the password policy's to try, so every adapter agrees on them.
    /// </summary>
    bool Contains(string password);
}
