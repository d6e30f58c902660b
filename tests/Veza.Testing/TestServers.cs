using Npgsql;

namespace Veza.Testing;

/// <summary>Addresses of the real servers build/test.sh started (tests never fall back to fakes).</summary>
public static class TestServers
{
    public static string PostgresAdmin => Required("VEZA_TEST_PG");
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

    /// <summary>build/test-servers with its node_modules (npm ci by build/test.sh): the Node scripts tests run.</summary>
    public static string NodeScripts => Required("VEZA_TEST_SERVERS");

    /// <summary>Debian's Chromium, for hls.js playback (build/test.sh installs it).</summary>
    public static string Chromium => Required("VEZA_CHROMIUM");

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests through build/test.sh, which starts the servers they need.");
}

/// <summary>A database of its own for one fixture, dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }
    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var name = "veza_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(TestServers.PostgresAdmin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(TestServers.PostgresAdmin) { Database = name, IncludeErrorDetail = true };
        return new TestDatabase(name, builder.ConnectionString);
    }

    /// <summary>
    /// Reference rows the migrations seed (the category tree): a reset puts them back as the migrations left
    /// them, so every test starts from the state of a fresh install, not from empty reference tables.
    /// </summary>
    public static readonly IReadOnlyList<string> SeededTables = ["categories"];

    /// <summary>
    /// Empties every table the migrations created (not the migration history), then restores the seeded
    /// reference rows (<see cref="SeededTables"/>, copied aside on the first reset). A fixture's background
    /// worker may still be finishing a job of the previous test (an email, a file deletion) and hold row
    /// locks the truncation must wait for; when PostgreSQL picks the truncation as a deadlock victim,
    /// it is simply run again.
    /// </summary>
    public async Task ResetAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TruncateAllAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                await Task.Delay(50 * attempt);
            }
        }
    }

    private async Task TruncateAllAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var seeded = string.Join(", ", SeededTables.Select(t => $"'{t}'"));
        await using var command = new NpgsqlCommand(
            $$"""
            DO $$ DECLARE tables text; seeded text;
            BEGIN
              CREATE SCHEMA IF NOT EXISTS test_seed;
              FOR seeded IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename IN ({{seeded}}) LOOP
                IF to_regclass('test_seed.' || seeded) IS NULL THEN
                  EXECUTE format('CREATE TABLE test_seed.%I AS TABLE public.%I', seeded, seeded);
                END IF;
              END LOOP;
              SELECT string_agg(format('%I', tablename), ', ') INTO tables
              FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations';
              IF tables IS NOT NULL THEN EXECUTE 'TRUNCATE ' || tables || ' RESTART IDENTITY CASCADE'; END IF;
              FOR seeded IN SELECT tablename FROM pg_tables WHERE schemaname = 'test_seed' LOOP
                EXECUTE format('INSERT INTO public.%I SELECT * FROM test_seed.%I', seeded, seeded);
              END LOOP;
            END $$;
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    /// <summary>The first column of every row.</summary>
    public async Task<List<T>> ScalarsAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestServers.PostgresAdmin);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
