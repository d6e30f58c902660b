namespace Veza.Infrastructure.Persistence;

/// <summary>User text inside a LIKE pattern: its wildcards are taken literally (PostgreSQL's default escape is a backslash).</summary>
public static class LikePattern
{
    public static string Literal(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
