using Veza.TestKit;

namespace Veza.Testing;

/// <summary>Addresses of the real servers build/test.sh started (tests never fall back to fakes).</summary>
public static class TestServers
{
    public static string PostgresAdmin => PostgresServer.SharedAdminConnectionString;
    public static string Redis => Required("VEZA_TEST_REDIS");
    public static string Nats => Required("VEZA_TEST_NATS");
    public static string RedisServerBinary => Required("VEZA_REDIS_SERVER");
    public static string NatsServerBinary => Required("VEZA_NATS_SERVER");

    /// <summary>maildev's SMTP listener, host:port.</summary>
    public static string Smtp => Required("VEZA_TEST_SMTP");

    /// <summary>maildev's HTTP API (GET /api/email, DELETE /api/email/all), where tests read what was sent.</summary>
    public static string MailDevApi => Required("VEZA_TEST_MAILDEV");

    /// <summary>
    /// The OAuth provider (build/test-servers/oauth-provider.mjs: oauth2-mock-server acting as Google, GitHub
    /// and Discord), http base. A test picks who signs in with login_hint on the authorization URL.
    /// </summary>
    public static string OAuthProvider => Required("VEZA_TEST_OAUTH");

    /// <summary>s3rver, an S3-protocol server (path-style buckets, keys S3RVER/S3RVER), http base.</summary>
    public static string S3 => Required("VEZA_TEST_S3");

    /// <summary>build/test-servers with its node_modules (npm ci by build/test.sh): the Node scripts tests run.</summary>
    public static string NodeScripts => Required("VEZA_TEST_SERVERS");

    /// <summary>Debian's Chromium, for hls.js playback (build/test.sh installs it).</summary>
    public static string Chromium => Required("VEZA_CHROMIUM");

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests through build/test.sh, which starts the servers they need.");
}
