using Npgsql;

namespace Veza.TestKit;

/// <summary>A database of its own for one fixture, dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _admin;

    private TestDatabase(string admin, string name, string connectionString)
    {
        _admin = admin;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }
    public string ConnectionString { get; }

    public static Task<TestDatabase> CreateAsync() => CreateAsync(PostgresServer.SharedAdminConnectionString);

    /// <summary>Creates the database on the server <paramref name="adminConnectionString"/> reaches (as a role that may create databases).</summary>
    public static async Task<TestDatabase> CreateAsync(string adminConnectionString)
    {
        var name = "veza_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, IncludeErrorDetail = true };
        return new TestDatabase(adminConnectionString, name, builder.ConnectionString);
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
    public Task ResetAsync() => ResetAsync(ConnectionString);

    /// <inheritdoc cref="ResetAsync()"/>
    public static async Task ResetAsync(string connectionString)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TruncateAllAsync(connectionString);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                await Task.Delay(50 * attempt);
            }
        }
    }

    private static async Task TruncateAllAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
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

    public Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters) => Sql.ScalarAsync<T>(ConnectionString, sql, parameters);

    /// <summary>The first column of every row.</summary>
    public Task<List<T>> ScalarsAsync<T>(string sql, params (string Name, object Value)[] parameters) => Sql.ScalarsAsync<T>(ConnectionString, sql, parameters);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_admin);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
