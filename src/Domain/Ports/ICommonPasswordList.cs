namespace Veza.Domain.Ports;

/// <summary>The most common passwords, which are refused however long they are.</summary>
public interface ICommonPasswordList
{
    bool Contains(string password);
}
