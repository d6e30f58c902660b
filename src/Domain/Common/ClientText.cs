namespace Veza.Domain.Common;

/// <summary>Text a client sends about itself, kept to what its columns hold.</summary>
public static class ClientText
{
    public const int UserAgentMaxLength = 512;

    public static string? LimitUserAgent(string? userAgent) =>
        userAgent is { Length: > UserAgentMaxLength } ? userAgent[..UserAgentMaxLength] : userAgent;
}
