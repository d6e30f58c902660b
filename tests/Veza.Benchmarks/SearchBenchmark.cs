using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Veza.Testing;
using Veza.TestKit;

namespace Veza.Benchmarks;

/// <summary>
/// GET /api/v1/users/search over 100,000 generated users against the same search as one raw Npgsql
/// query behind a bare endpoint in the same process (same data source, same database, same run).
/// The ratio says what the API's layers (auth, pipeline, EF, envelope) cost on top of the query.
/// </summary>
public static class SearchBenchmark
{
    public const int Users = 100_000;

    /// <summary>A typeahead term: prefix of a handful of usernames, contained in a few more.</summary>
    public const string Term = "nova_bl";

    /// <summary>The search of UserDirectory.SearchAsync, by hand: same predicates, same ranking, same avatar lookup.</summary>
    public const string RawSql = """
        SELECT u.id, u.username, u.display_name, (SELECT a.version FROM user_avatars a WHERE a.user_id = u.id LIMIT 1)
        FROM users u
        WHERE u.status <> 'deleted' AND (u.normalized_username LIKE $1 ESCAPE '\' OR lower(u.display_name) LIKE $1 ESCAPE '\')
        ORDER BY CASE WHEN u.normalized_username = $2 OR lower(u.display_name) LIKE $3 ESCAPE '\' THEN 0
                      WHEN u.normalized_username LIKE $4 ESCAPE '\' OR lower(u.display_name) LIKE $4 ESCAPE '\' THEN 1 ELSE 2 END,
                 u.normalized_username
        LIMIT $5
        """;

    private const string Password = "violet-tape-deck-42";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 && int.TryParse(args[0], out var s) ? s : 10;
        var connections = args.Length > 1 && int.TryParse(args[1], out var c) ? c : 32;
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new SearchBenchmarkFactory(database.ConnectionString);
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();
        var baseUrl = client.BaseAddress!.ToString().TrimEnd('/');

        using var register = await client.PostAsJsonAsync("/api/v1/auth/register", new { username = "bench_user", email = "bench@example.com", password = Password });
        var token = JsonNode.Parse(await register.Content.ReadAsStringAsync())!["data"]!["access_token"]!.GetValue<string>();
        await SeedAsync(database.ConnectionString);

        var apiUrl = $"{baseUrl}/api/v1/users/search?q={Term}&limit=10";
        var rawUrl = $"{baseUrl}{SearchBenchmarkFactory.RawPath}?q={Term}&limit=10";
        Console.WriteLine($"# {Users:N0} generated users, q={Term}, limit 10");
        Console.WriteLine($"# API answer: {await GetAsync(client, apiUrl, token)}");
        Console.WriteLine($"# raw answer: {await GetAsync(client, rawUrl, token)}");
        Console.WriteLine("# plan of the search (EXPLAIN ANALYZE):");
        foreach (var line in await ExplainAsync(database.ConnectionString))
        {
            Console.WriteLine("    " + line);
        }

        Console.WriteLine($"# wrk -t2 -c{connections} -d{seconds}s after a 3 s warm-up per endpoint; same process, same machine, logging at Warning");
        var raw = await HttpBenchmark.MeasureAsync(rawUrl, token, seconds, connections);
        HttpBenchmark.Report("raw Npgsql search (baseline)", raw);
        var before = await ScanCountsAsync(database.ConnectionString);
        var api = await HttpBenchmark.MeasureAsync(apiUrl, token, seconds, connections);
        HttpBenchmark.Report("GET /api/v1/users/search", api);
        var after = await ScanCountsAsync(database.ConnectionString);

        // Evidence that the API's own (EF-generated) query uses the indexes too, not only the hand-written one.
        Console.WriteLine($"# during the API run: {after.Sequential - before.Sequential} sequential scans of users, {after.Trigram - before.Trigram} trigram index scans");
        HttpBenchmark.ReportRatios(api, raw);
        return 0;
    }

    /// <summary>Usernames word_word_n from two lists of 60 words (3,600 pairs, ~28 users each), display names "Word Word".</summary>
    private static async Task SeedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            WITH words AS (
              SELECT ARRAY['nova','bass','echo','luna','vinyl','tempo','reverb','synth','groove','pulse','drift','ember','cobalt','delta','fable',
                           'gamma','haze','indie','jade','kilo','lyric','mono','nimbus','opal','prism','quartz','raven','sonic','tidal','umbra',
                           'vapor','wave','xeno','yodel','zephyr','amber','brass','cedar','dune','flux','glint','harbor','iris','jet','karma',
                           'lotus','mist','neon','orbit','pixel','quill','ridge','solar','trace','uplift','velvet','willow','axis','bloom','coral'] AS a,
                     ARRAY['blue','blaze','beat','storm','rider','fox','wolf','line','keys','drum','soul','loop','step','vibe','tone',
                           'dust','fire','gold','heart','ink','jazz','kite','lark','moon','nest','oak','peak','quest','rain','sky',
                           'sun','tide','unit','vale','wind','yard','zen','arc','bay','cove','dawn','edge','fern','glow','hill',
                           'isle','jolt','knot','leaf','mode','note','ore','pine','reed','sand','tree','urn','vine','wren','yew'] AS b
            )
            INSERT INTO users (id, username, normalized_username, email, normalized_email, password_hash, role, created_at, updated_at, display_name)
            SELECT gen_random_uuid(), name, name, name || '@example.com', name || '@example.com', '!', 'user', now(), now(),
                   initcap(a[1 + i % 60]) || ' ' || initcap(b[1 + (i / 60) % 60])
            FROM words, generate_series(1, 100000) AS i,
                 LATERAL (SELECT left(a[1 + i % 60] || '_' || b[1 + (i / 60) % 60] || '_' || i, 30) AS name) n;
            ANALYZE users;
            """, connection);
        command.CommandTimeout = 300;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> ExplainAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, COSTS OFF) " + RawSql, connection);
        AddParameters(command, Term, 10);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    private static async Task<(long Sequential, long Trigram)> ScanCountsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var flush = new NpgsqlCommand("SELECT pg_stat_force_next_flush()", connection))
        {
            await flush.ExecuteNonQueryAsync();
        }

        await Task.Delay(1500); // Statistics reach the shared view shortly after the backends report them.
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'users'),
                   (SELECT coalesce(sum(idx_scan), 0)::bigint FROM pg_stat_user_indexes WHERE indexrelname LIKE '%\_trgm')
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    internal static void AddParameters(NpgsqlCommand command, string term, int limit)
    {
        var literal = term.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
        command.Parameters.Add(new NpgsqlParameter { Value = "%" + literal + "%" });
        command.Parameters.Add(new NpgsqlParameter { Value = term });
        command.Parameters.Add(new NpgsqlParameter { Value = literal });
        command.Parameters.Add(new NpgsqlParameter { Value = literal + "%" });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
    }

    private static async Task<string> GetAsync(HttpClient client, string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new("Bearer", token);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 160)]}...";
    }
}

/// <summary>The real Program plus the raw-query baseline endpoint ahead of every middleware, on the API's own data source.</summary>
public sealed class SearchBenchmarkFactory(string connectionString) : RawBaselineFactory<SearchBenchmarkFactory.RawSearchFilter>(connectionString)
{
    public const string RawPath = "/bench/raw-search";

    public sealed class RawSearchFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            var dataSource = app.ApplicationServices.GetRequiredService<NpgsqlDataSource>();
            app.Map(RawPath, raw => raw.Run(async context =>
            {
                var term = (context.Request.Query["q"].ToString() ?? string.Empty).Trim().ToLowerInvariant();
                var limit = int.TryParse(context.Request.Query["limit"], out var l) ? l : 10;
                await using var command = dataSource.CreateCommand(SearchBenchmark.RawSql);
                SearchBenchmark.AddParameters(command, term, limit);
                context.Response.ContentType = "application/json; charset=utf-8";
                await using var writer = new Utf8JsonWriter(context.Response.Body);
                writer.WriteStartObject();
                writer.WriteStartArray("data");
                await using (var reader = await command.ExecuteReaderAsync(context.RequestAborted))
                {
                    while (await reader.ReadAsync(context.RequestAborted))
                    {
                        var id = reader.GetGuid(0);
                        writer.WriteStartObject();
                        writer.WriteString("id", id);
                        writer.WriteString("username", reader.GetString(1));
                        writer.WriteString("display_name", reader.IsDBNull(2) ? null : reader.GetString(2));
                        writer.WriteString("avatar_url", reader.IsDBNull(3) ? null : Veza.Application.Users.Avatars.AvatarUrls.For(id, reader.GetGuid(3)));
                        writer.WriteEndObject();
                    }
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                await writer.FlushAsync(context.RequestAborted);
            }));
            next(app);
        };
    }
}
