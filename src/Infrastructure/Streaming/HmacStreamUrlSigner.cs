using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Veza.Domain.Plays;
using Veza.Domain.Ports;
using Veza.Infrastructure.Identity;

namespace Veza.Infrastructure.Streaming;

/// <summary>
/// <see cref="IStreamUrlSigner"/> with HMAC-SHA256 over <c>{path}\n{exp}\n{kid}\n{lid}</c> (a separator no
/// part may contain, so no two parameter sets sign the same bytes), base64url, compared in constant time.
/// </summary>
public sealed class HmacStreamUrlSigner : IStreamUrlSigner
{
    private const string DerivedKeyId = "k0";
    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _currentKeyId;

    // Its own key, independent of the URL keys: a rotation must not make every anonymous listener new.
    private readonly byte[] _listenerKey;

    public HmacStreamUrlSigner(IOptions<StreamingOptions> options, IOptions<JwtOptions> jwt)
    {
        var settings = options.Value;
        _listenerKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(jwt.Value.SigningKey), 32, info: "veza anonymous listener v1"u8.ToArray());
        UrlLifetime = settings.UrlLifetime;
        if (settings.Keys.Count == 0)
        {
            var derived = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(jwt.Value.SigningKey), 32, info: "veza stream url v1"u8.ToArray());
            _keys = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [DerivedKeyId] = derived };
            _currentKeyId = DerivedKeyId;
        }
        else
        {
            _keys = settings.Keys.ToDictionary(k => k.Id, k => Encoding.UTF8.GetBytes(k.Secret), StringComparer.Ordinal);
            _currentKeyId = settings.CurrentKeyId ?? settings.Keys[^1].Id;
        }
    }

    public TimeSpan UrlLifetime { get; }

    public string Sign(string path, string listenerId, DateTimeOffset expiresAt)
    {
        var exp = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var sig = Base64UrlEncoder.Encode(Mac(_keys[_currentKeyId], path, exp, _currentKeyId, listenerId));
        return $"exp={exp}&kid={Uri.EscapeDataString(_currentKeyId)}&lid={Uri.EscapeDataString(listenerId)}&sig={sig}";
    }

    public StreamGrant? Verify(string path, string? exp, string? kid, string? lid, string? sig, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(exp) || string.IsNullOrEmpty(kid) || string.IsNullOrEmpty(lid) || string.IsNullOrEmpty(sig)
            || lid.Length > 64 || sig.Length > 64 || lid.Contains('\n') || path.Contains('\n')
            || !long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !_keys.TryGetValue(kid, out var key))
        {
            return null;
        }

        byte[] presented;
        try
        {
            presented = Base64UrlEncoder.DecodeBytes(sig);
        }
        catch (FormatException)
        {
            return null;
        }

        var expected = Mac(key, path, exp, kid, lid);
        if (!CryptographicOperations.FixedTimeEquals(expected, presented))
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        return expiresAt > now ? new StreamGrant(lid, expiresAt) : null;
    }

    public string AnonymousListenerId(string? ipAddress, string? userAgent) =>
        ListenerIds.AnonymousPrefix + Base64UrlEncoder.Encode(HMACSHA256.HashData(_listenerKey, Encoding.UTF8.GetBytes($"{ipAddress}\n{userAgent}")).AsSpan(0, 16).ToArray());

    private static byte[] Mac(byte[] key, string path, string exp, string kid, string lid) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{path}\n{exp}\n{kid}\n{lid}"));
}
