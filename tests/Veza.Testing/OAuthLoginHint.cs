using System.Text;
using System.Text.Json;

namespace Veza.Testing;

/// <summary>
/// Who signs in at the test OAuth provider (build/test-servers/oauth-provider.mjs): a login_hint to add to
/// the authorization URL, base64url of the JSON profile {sub, email, email_verified, name, deny}.
/// </summary>
public static class OAuthLoginHint
{
    public static string For(object person) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(person))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
