using Veza.Application.Auth.SignIn;
using Veza.Application.Common.Messaging;

namespace Veza.Application.Auth.OAuth.Commands.ExchangeOAuthLoginCode;

/// <param name="LoginCode">The one-time code the provider callback put on the frontend page's URL.</param>
/// <param name="Binding">The secret /auth/oauth/{provider}/start gave this frontend: proof that it started this sign-in.</param>
public sealed record ExchangeOAuthLoginCodeCommand(string LoginCode, string Binding) : ICommand<SignInResultDto>;

/// <summary>What an OAuth login code remembers besides its user: the provider (for the audit trail) and the hash of its sign-in's binding.</summary>
public static class OAuthLoginCodePayload
{
    public static string Write(string provider, string? bindingHash) => $"{provider} {bindingHash}";

    public static (string Provider, string? BindingHash) Read(string? payload)
    {
        var parts = (payload ?? string.Empty).Split(' ', 2);
        return (parts[0], parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null);
    }
}
