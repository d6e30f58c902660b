using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Veza.Api.Http;
using Veza.Application.Search;
using Veza.Application.Search.Queries.Autocomplete;
using Veza.Application.Search.Queries.Search;
using Veza.Domain.Common;
using Veza.Domain.Ports;
using Veza.Infrastructure.Persistence;
using Veza.Infrastructure.Search;
using Veza.Testing;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Veza.TestKit;

namespace Veza.Benchmarks;

/// <summary>
/// GET /api/v1/search?q= (a one-typo word, every kind) over 100,000 tracks, 100,000 users and 50,000 listings
/// against the same SQL through raw Npgsql behind a bare endpoint in the same process (same data source, same
/// database, same run): PostgresSearchIndex's query per kind, composed here from the same SearchKinds fragments
/// (checked identical to the API's captured commands), one after another as the index runs them, then the same
/// analytics INSERT; the hits mapped to the same DTOs and written in the same envelope with the API's JSON
/// settings. Then GET /api/v1/search/autocomplete?q=syn against its SQL the same way. Anonymous, as search is
/// public. The plans are those of the API's own commands, captured from one request each and run again under
/// EXPLAIN (ANALYZE, BUFFERS).
/// </summary>
public static partial class SearchAllBenchmark
{
    public const int Tracks = 100_000;
    public const int Users = 100_000;
    public const int Listings = 50_000;

    /// <summary>"synthwave" with its last two letters swapped: word similarity 0.7 to it (7 of 10 trigrams), no prefix of anything.</summary>
    public const string DefaultTerm = "synthwaev";

    /// <summary>What someone has typed three letters into: track titles ("Synthetic ..."), usernames ("synth_...", "synthwave_...").</summary>
    public const string Prefix = "syn";

    /// <summary>PostgresSearchIndex.SearchAsync's SQL for one kind (SearchSql: the one place both use).</summary>
    public static string KindSql(SearchKindSql sql) => SearchSql.Kind(sql);

    /// <summary>How many of a kind the search matches (its query without ranking or limit), for the summary.</summary>
    private static string MatchCountSql(SearchKindSql sql) =>
        $"""
        SELECT count(*) FROM {sql.Table} x, {SearchSql.Query} q
        WHERE ({sql.Visible}) AND (x.search_vector @@ q.query OR @folded <% veza_fold({sql.Title}))
        """;

    /// <summary>PostgresSearchIndex.AutocompleteAsync's SQL (SearchSql: the one place both use).</summary>
    public static readonly string AutocompleteSql = SearchSql.Autocomplete;

    /// <summary>wrk's default timeout (2 s) drops slower answers from its latency histogram; these must count.</summary>
    private static readonly string[] WrkTimeout = ["--timeout", "30s"];

    /// <summary>PostgresSearchIndex.RecordAsync (EF's interpolated parameters are @p0..@p3).</summary>
    public const string RecordSql = "INSERT INTO search_queries (query, types, result_count, created_at) VALUES ($1, $2, $3, $4)";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 && int.TryParse(args[0], out var s) ? s : 10;
        var connections = args.Length > 1 && int.TryParse(args[1], out var c) ? c : 16;
        var term = args.Length > 2 && args[2].Trim().Length >= 2 ? args[2].Trim().ToLowerInvariant() : DefaultTerm;
        var type = args.Length > 3 && args[3].Trim().Length > 0 ? args[3].Trim() : null;
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new SearchAllBenchmarkFactory(database.ConnectionString);
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();
        var baseUrl = client.BaseAddress!.ToString().TrimEnd('/');

        var watch = Stopwatch.StartNew();
        await SeedAsync(database.ConnectionString);
        var seeded = watch.Elapsed;
        var kinds = new SearchQuery(term, type).Kinds;
        var summary = await SummaryAsync(database.ConnectionString, term, kinds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# seeded in {seeded.TotalSeconds:0.0} s: {summary}"));

        var query = $"q={Uri.EscapeDataString(term)}" + (type is null ? string.Empty : $"&type={Uri.EscapeDataString(type)}");
        var apiUrl = $"{baseUrl}/api/v1/search?{query}";
        var rawUrl = $"{baseUrl}{SearchAllBenchmarkFactory.RawSearchPath}?{query}";
        var completeQuery = $"q={Prefix}";
        var apiCompleteUrl = $"{baseUrl}/api/v1/search/autocomplete?{completeQuery}";
        var rawCompleteUrl = $"{baseUrl}{SearchAllBenchmarkFactory.RawAutocompletePath}?{completeQuery}";
        Console.WriteLine($"# GET /api/v1/search?{query} ({(type is null ? "every kind: " : string.Empty)}{string.Join(", ", kinds.Select(k => k.ToWireName()))}; limit {SearchQuery.DefaultLimit} each; anonymous)");

        // One request of each with EF's commands captured: the same SQL and parameters go under EXPLAIN below.
        List<(string Sql, NpgsqlParameter[] Parameters)> commands;
        string apiBody, apiCompleteBody;
        using (var capture = EfCommandCapture.Start(sql =>
            sql.Contains("search_vector", StringComparison.Ordinal) || sql.Contains("search_queries", StringComparison.Ordinal)
            || sql.Contains("normalized_username LIKE", StringComparison.Ordinal)))
        {
            await Task.Delay(2000); // EF re-reads whether anyone listens to its diagnostics once a second (LoggingCacheTime).
            apiBody = await GetAsync(client, apiUrl);
            apiCompleteBody = await GetAsync(client, apiCompleteUrl);
            commands = capture.Commands;
        }

        var rawBody = await GetAsync(client, rawUrl);
        var rawCompleteBody = await GetAsync(client, rawCompleteUrl);
        Console.WriteLine($"# API answer: {apiBody[..Math.Min(apiBody.Length, 400)]}...");
        Console.WriteLine($"# raw answer: {rawBody[..Math.Min(rawBody.Length, 400)]}...");
        Console.WriteLine($"# same results: {SameData(apiBody, rawBody, d => d["results"])}");
        Console.WriteLine($"# API autocomplete: {apiCompleteBody[..Math.Min(apiCompleteBody.Length, 400)]}...");
        Console.WriteLine($"# same suggestions: {SameData(apiCompleteBody, rawCompleteBody, d => d)}");

        Console.WriteLine($"# the API's {commands.Count} search commands for one search and one autocomplete request, EXPLAIN (ANALYZE, BUFFERS) (with costs: a JIT block would show):");
        foreach (var (sql, parameters) in commands)
        {
            var kind = kinds.FirstOrDefault(k => OneLine(KindSql(SearchKinds.All[k])) == OneLine(sql), (SearchKind)(-1));
            var what = (int)kind >= 0 ? $"kind {kind.ToWireName()}: text identical to the raw endpoint's"
                : OneLine(sql) == OneLine(AutocompleteSql) ? "autocomplete: text identical to the raw endpoint's"
                : sql.Contains("INSERT INTO search_queries", StringComparison.Ordinal) ? "analytics record (the raw endpoint runs the same INSERT; not explained)"
                : "NOT the raw endpoint's SQL";
            Console.WriteLine($"  -- {what}");
            Console.WriteLine("  -- " + OneLine(sql));
            Console.WriteLine("  -- parameters: " + string.Join(", ", parameters.Select(p => $"{p.ParameterName}={(p.Value is DBNull ? "null" : p.Value)}")));
            if (!sql.Contains("INSERT", StringComparison.Ordinal))
            {
                foreach (var line in await ExplainAsync(database.ConnectionString, sql, parameters))
                {
                    Console.WriteLine("    " + line);
                }
            }
        }

        Console.WriteLine($"# wrk -t2 -c{connections} -d{seconds}s after a 3 s warm-up per endpoint; same process, same machine, logging at Warning");
        var beforeRaw = await ScanCountsAsync(database.ConnectionString);
        var raw = await HttpBenchmark.MeasureAsync(rawUrl, string.Empty, seconds, connections, WrkTimeout);
        HttpBenchmark.Report("raw Npgsql search (baseline)", raw);
        var before = await ScanCountsAsync(database.ConnectionString);
        var api = await HttpBenchmark.MeasureAsync(apiUrl, string.Empty, seconds, connections, WrkTimeout);
        HttpBenchmark.Report("GET /api/v1/search", api);
        var after = await ScanCountsAsync(database.ConnectionString);
        var rawComplete = await HttpBenchmark.MeasureAsync(rawCompleteUrl, string.Empty, seconds, connections, WrkTimeout);
        HttpBenchmark.Report("raw Npgsql autocomplete", rawComplete);
        var beforeComplete = await ScanCountsAsync(database.ConnectionString);
        var apiComplete = await HttpBenchmark.MeasureAsync(apiCompleteUrl, string.Empty, seconds, connections, WrkTimeout);
        HttpBenchmark.Report("GET /search/autocomplete", apiComplete);
        var afterComplete = await ScanCountsAsync(database.ConnectionString);

        Console.WriteLine($"# index use during the raw search run (warm-up included): {beforeRaw.Describe(before)}");
        Console.WriteLine($"# index use during the API search run (warm-up included): {before.Describe(after)}");
        Console.WriteLine($"# index use during the API autocomplete run (warm-up included): {beforeComplete.Describe(afterComplete)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio requests/s search api/raw: {api.RequestsPerSecond / raw.RequestsPerSecond:0.00} (goal >= 0.60): {Verdict(api.RequestsPerSecond / raw.RequestsPerSecond >= 0.6)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio p99 search api/raw: {api.P99Ms / raw.P99Ms:0.00}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"p99 search at {connections} connections: {api.P99Ms:0.00} ms (goal < 50 ms): {Verdict(api.P99Ms < 50)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"p99 autocomplete at {connections} connections: {apiComplete.P99Ms:0.00} ms (goal < 10 ms): {Verdict(apiComplete.P99Ms < 10)}; api/raw requests/s {apiComplete.RequestsPerSecond / rawComplete.RequestsPerSecond:0.00}, p99 {apiComplete.P99Ms / rawComplete.P99Ms:0.00}"));
        return 0;
    }

    /// <summary>EXPLAIN (ANALYZE, BUFFERS) with costs (COSTS OFF would hide the JIT block, should a plan's cost cross jit_above_cost).</summary>
    private static async Task<List<string>> ExplainAsync(string connectionString, string sql, NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, connection);
        command.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static string OneLine(string sql) => Whitespace().Replace(sql, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>The parameters PostgresSearchIndex gives a kind's query, by the same names and types.</summary>
    internal static void AddKindParameters(NpgsqlCommand command, SearchTerms terms, int limit, Guid? viewer) =>
        command.Parameters.AddRange(SearchSql.KindParameters(terms, limit, viewer));

    /// <summary>
    /// 100,000 users (SearchBenchmark's word_word_n names, 1 in 600 "synthwave_...", display names, bios for 60%,
    /// 1% deleted, 5% with preferences of whom a fifth private, ~300,000 follows skewed to a few, a few blocks);
    /// 100,000 public ready tracks by 20,000 of them ("Adjective Noun" titles from 40 × 40 words, a tenth with a
    /// "(Genre Mix)" suffix over 30 genres, so ~1 in 300 has "Synthwave" in its title, with synthpop, darkwave,
    /// chillwave, vaporwave and "Synthetic ..." around it; genre, mood tags, a description, log-normal plays);
    /// 50,000 active listings by 5,000 sellers (gear titles, 1 in 500 "... - synthwave classic"), ~40,000 watches.
    /// Then VACUUM ANALYZE, as autovacuum would leave settled tables (GIN pending lists merged).
    /// </summary>
    private static async Task SeedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var seed = new NpgsqlCommand(
            $"""
            SELECT setseed(0.15);
            WITH words AS (
              SELECT ARRAY['nova','bass','echo','luna','vinyl','tempo','reverb','synth','groove','pulse','drift','ember','cobalt','delta','fable',
                           'gamma','haze','indie','jade','kilo','lyric','mono','nimbus','opal','prism','quartz','raven','sonic','tidal','umbra',
                           'vapor','wave','xeno','yodel','zephyr','amber','brass','cedar','dune','flux','glint','harbor','iris','jet','karma',
                           'lotus','mist','neon','orbit','pixel','quill','ridge','solar','trace','uplift','velvet','willow','axis','bloom','coral'] AS a,
                     ARRAY['blue','blaze','beat','storm','rider','fox','wolf','line','keys','drum','soul','loop','step','vibe','tone',
                           'dust','fire','gold','heart','ink','jazz','kite','lark','moon','nest','oak','peak','quest','rain','sky',
                           'sun','tide','unit','vale','wind','yard','zen','arc','bay','cove','dawn','edge','fern','glow','hill',
                           'isle','jolt','knot','leaf','mode','note','ore','pine','reed','sand','tree','urn','vine','wren','yew'] AS b,
                     ARRAY['synthwave','synthpop','darkwave','chillwave','vaporwave','new wave','house','deep house','techno','trance',
                           'drum and bass','dubstep','ambient','lo-fi','hip hop','trap','jazz','funk','disco','soul',
                           'indie rock','shoegaze','post-punk','metal','folk','reggae','afrobeat','garage','electro','downtempo'] AS g,
                     ARRAY['Paris','Lyon','Berlin','Brussels','Montreal','Lisbon','Leeds','Detroit'] AS city)
            INSERT INTO users (id, username, normalized_username, email, normalized_email, password_hash, role, created_at, updated_at, display_name, bio, status)
            SELECT md5('user' || i)::uuid, name, name, name || '@example.com', name || '@example.com', '!', 'user',
                   now() - (i % 1000) * interval '1 day', now(), initcap(w1) || ' ' || initcap(w2),
                   CASE WHEN i % 5 < 3 THEN 'Making ' || g[1 + (i / 7) % 30] || ' and ' || g[1 + (i / 11) % 30] || ' in ' || city[1 + i % 8] || '.' END,
                   CASE WHEN i % 100 = 7 THEN 'deleted' WHEN i % 200 = 9 THEN 'suspended' ELSE 'active' END
            FROM words, generate_series(1, {Users}) AS i,
                 LATERAL (SELECT CASE WHEN i % 600 = 13 THEN 'synthwave' ELSE a[1 + i % 60] END AS w1, b[1 + (i / 60) % 60] AS w2) w,
                 LATERAL (SELECT left(w1 || '_' || w2 || '_' || i, 30) AS name) n;

            INSERT INTO user_preferences (user_id, preferences, updated_at)
            SELECT md5('user' || i)::uuid, jsonb_build_object('privacy', jsonb_build_object('profile', CASE WHEN i % 100 = 0 THEN 'private' ELSE 'public' END)), now()
            FROM generate_series(20, {Users}, 20) AS i;

            INSERT INTO follows (id, follower_id, followee_id, created_at)
            SELECT gen_random_uuid(), md5('user' || i)::uuid, md5('user' || f)::uuid, now()
            FROM (SELECT i, 1 + floor({Users} * random() ^ 3)::int AS f FROM generate_series(1, {Users}) AS i, generate_series(1, 3) AS k) p
            WHERE f <> i
            ON CONFLICT DO NOTHING;

            INSERT INTO blocks (id, blocker_id, blocked_id, created_at)
            SELECT gen_random_uuid(), md5('user' || i)::uuid, md5('user' || (i + 1))::uuid, now() FROM generate_series(1, {Users} - 1, 200) AS i;

            WITH v AS (
              SELECT ARRAY['Neon','Midnight','Golden','Electric','Silent','Broken','Velvet','Crystal','Summer','Lost','Digital','Cosmic','Fading','Burning',
                           'Endless','Hollow','Paper','Wild','Frozen','Secret','Synthetic','Distant','Purple','Lonely','Chrome','Falling','Hidden','Sweet',
                           'Northern','Ocean','Sonic','Retro','Liquid','Solar','Glass','Silver','Dark','Bright','Analog','Infinite'] AS a,
                     ARRAY['Highway','Dreams','Echoes','Horizon','Skyline','Heart','Rain','Signal','Memories','Tides','Lights','Shadows','Paradise','Circuit',
                           'Waves','Runner','Sunset','Garden','Static','Mirage','Nights','City','Fever','Drive','Love','Machine','Ghosts','Sky','Fire','Motion',
                           'Pulse','Avenue','Stars','Roads','Vision','Satellite','Days','Storm','Heat','Island'] AS b,
                     ARRAY['synthwave','synthpop','darkwave','chillwave','vaporwave','new wave','house','deep house','techno','trance',
                           'drum and bass','dubstep','ambient','lo-fi','hip hop','trap','jazz','funk','disco','soul',
                           'indie rock','shoegaze','post-punk','metal','folk','reggae','afrobeat','garage','electro','downtempo'] AS g,
                     ARRAY['late-night','dreamy','dark','uplifting','melancholic','driving','warm','hazy'] AS mood,
                     ARRAY['Paris','Lyon','Berlin','Brussels','Montreal','Lisbon','Leeds','Detroit'] AS city),
                 t AS (SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6 FROM generate_series(1, {Tracks}) AS i),
                 s AS (SELECT t.*, v.*, v.g[1 + floor(r4 * 30)::int] AS genre, floor(exp(r5 * 11))::bigint AS plays, now() - r6 * interval '3 years' AS created FROM t, v)
            INSERT INTO tracks (id, owner_id, title, title_from_file_name, description, genre, tags, visibility, status, original_key, original_format,
                                original_bytes, content_hash, stored_bytes, duration, codec, bitrate_kbps, sample_rate, channels,
                                has_mp3128, has_mp3320, has_hls, has_waveform, play_count, like_count, created_at, updated_at, processed_at)
            SELECT md5('track' || i)::uuid, md5('user' || (1 + (i * 7) % 20000))::uuid,
                   a[1 + floor(r1 * 40)::int] || ' ' || b[1 + floor(r2 * 40)::int]
                     || CASE WHEN r3 < 0.10 THEN ' (' || initcap(genre) || ' Mix)'
                             WHEN r3 < 0.20 THEN ' ' || (ARRAY['II','Reprise','Remastered','Live','Edit','Interlude'])[1 + i % 6] ELSE '' END,
                   false,
                   'A ' || mood[1 + i % 8] || ' ' || genre || ' track recorded in ' || city[1 + (i / 8) % 8] || '. ' ||
                     CASE WHEN i % 3 = 0 THEN 'Mixed at home, mastered for headphones.' ELSE 'Free to use with credit.' END,
                   genre, ARRAY[replace(genre, ' ', '-'), mood[1 + i % 8]], 'public', 'ready',
                   'tracks/' || md5('track' || i)::uuid || '/original', 'wav', 30000000 + i, md5(i::text) || md5('x' || i), 12000000 + i,
                   (120 + i % 240) * interval '1 second', 'pcm_s16le', 1411, 44100, 2, true, true, true, true,
                   plays, plays / 20, created, created, created
            FROM s;

            WITH v AS (
              SELECT ARRAY['Vintage','Boutique','Classic','Modded','Rare','Clean','Mint','Road-worn'] AS adj,
                     ARRAY['Roland Juno-106','Korg Minilogue','Moog Subsequent 37','Sequential Prophet-5','Yamaha DX7','Arturia MiniFreak','Behringer Model D',
                           'Novation Peak','Fender Stratocaster','Gibson Les Paul','Shure SM58','Neumann U87','Focusrite Scarlett 2i2','Universal Audio Apollo Twin',
                           'Genelec 8030','Beyerdynamic DT 770','Boss DS-1','Strymon BigSky','Pearl Export kit','Zildjian K crash','analog synth',
                           'modular synth rack','synth pedal','drum machine','tape echo'] AS gear,
                     ARRAY['Paris','Lyon','Berlin','Brussels',NULL] AS city),
                 leaves AS (SELECT array_agg(c.id ORDER BY c.id) AS ids FROM categories c WHERE NOT EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id)),
                 g AS (SELECT i, random() AS r1, random() AS r2, random() AS r3, now() - random() * interval '50 days' AS created FROM generate_series(1, {Listings}) AS i)
            INSERT INTO listings (id, seller_id, title, description, kind, price, currency, condition, category_id, tags, location, status,
                                  created_at, updated_at, published_at, expires_at)
            SELECT md5('listing' || i)::uuid, md5('user' || (1 + (i * 13) % 5000))::uuid,
                   adj[1 + i % 8] || ' ' || gear[1 + floor(r1 * 25)::int]
                     || CASE WHEN i % 500 = 0 THEN ' - synthwave classic' WHEN i % 7 = 0 THEN ' + case' ELSE '' END,
                   'Works perfectly, pick-up or shipping. ' || CASE WHEN i % 4 = 0 THEN 'Great for synthwave and techno.' ELSE 'Listing ' || i || '.' END,
                   'sale', round(exp(ln(5) + r2 * ln(1000))::numeric, 2), 'EUR',
                   (ARRAY['new','like_new','good','fair','for_parts'])[1 + floor(r3 * 5)::int],
                   leaves.ids[1 + i % array_length(leaves.ids, 1)],
                   CASE WHEN i % 3 = 0 THEN ARRAY['vintage'] ELSE ARRAY[]::text[] END,
                   city[1 + i % 5], 'active', created, created, created, created + interval '60 days'
            FROM g, v, leaves;

            INSERT INTO listing_watches (user_id, listing_id, created_at)
            SELECT md5('user' || (1 + floor(random() * {Users})::int))::uuid, md5('listing' || (1 + floor({Listings} * random() ^ 2)::int))::uuid, now()
            FROM generate_series(1, 40000)
            ON CONFLICT DO NOTHING;
            """, connection))
        {
            seed.CommandTimeout = 600;
            await seed.ExecuteNonQueryAsync();
        }

        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 600 };
        await vacuum.ExecuteNonQueryAsync();
    }

    private static async Task<string> SummaryAsync(string connectionString, string term, IReadOnlyList<SearchKind> kinds)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var terms = SearchTerms.Parse(term);
        var matches = new List<string>();
        foreach (var kind in kinds)
        {
            await using var count = new NpgsqlCommand(MatchCountSql(SearchKinds.All[kind]), connection);
            AddKindParameters(count, terms, SearchQuery.DefaultLimit, null);
            var n = (long)(await count.ExecuteScalarAsync())!;
            matches.Add(string.Create(CultureInfo.InvariantCulture, $"{kind.ToWireName()} {n:N0}"));
        }

        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM tracks WHERE visibility = 'public' AND status = 'ready'), (SELECT count(*) FROM users),
                   (SELECT count(*) FROM listings WHERE status = 'active' AND hidden_at IS NULL), (SELECT count(*) FROM follows),
                   (SELECT count(*) FROM listing_watches),
                   (SELECT count(*) FROM tracks WHERE veza_fold(title) LIKE $1 || '%'), (SELECT count(*) FROM users WHERE normalized_username LIKE $1 || '%')
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Prefix });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return string.Create(CultureInfo.InvariantCulture,
            $"{reader.GetInt64(0):N0} public ready tracks, {reader.GetInt64(1):N0} users, {reader.GetInt64(2):N0} active listings, {reader.GetInt64(3):N0} follows, " +
            $"{reader.GetInt64(4):N0} watches; q={term} matches {string.Join(", ", matches)}; titles starting with {Prefix}: {reader.GetInt64(5):N0} tracks, {reader.GetInt64(6):N0} usernames");
    }

    /// <summary>The body, or the status and body of a failure (the run goes on: wrk counts non-2xx answers).</summary>
    private static async Task<string> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? body : $"HTTP {(int)response.StatusCode}: {body}";
    }

    private static string SameData(string apiBody, string rawBody, Func<JsonNode, JsonNode?> part)
    {
        if (apiBody.StartsWith("HTTP ", StringComparison.Ordinal) || rawBody.StartsWith("HTTP ", StringComparison.Ordinal)
            || JsonNode.Parse(apiBody)?["data"] is not { } api || JsonNode.Parse(rawBody)?["data"] is not { } raw)
        {
            return "NOT COMPARABLE (an endpoint failed)";
        }

        var a = part(api);
        var hits = a is JsonObject kinds ? string.Join(", ", kinds.Select(k => $"{k.Key} {k.Value?.AsArray().Count}")) : $"{a?.AsArray().Count} items";
        return $"{(JsonNode.DeepEquals(a, part(raw)) ? "identical" : "DIFFERENT")} ({hits})";
    }

    private static readonly string[] Tables = ["tracks", "users", "listings"];

    private static readonly string[] Indexes =
    [
        "ix_tracks_search", "ix_tracks_title_trgm", "ix_users_search", "ix_users_name_trgm", "ix_listings_search", "ix_listings_title_trgm",
        "ix_users_username_prefix", "ix_tracks_title_prefix",
    ];

    private static async Task<ScanCounts> ScanCountsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var flush = new NpgsqlCommand("SELECT pg_stat_force_next_flush()", connection))
        {
            await flush.ExecuteNonQueryAsync();
        }

        await Task.Delay(1500); // Statistics reach the shared view shortly after the backends report them.
        var counts = new Dictionary<string, long>();
        await using var command = new NpgsqlCommand(
            """
            SELECT relname, seq_scan FROM pg_stat_user_tables WHERE relname = ANY($1)
            UNION ALL
            SELECT indexrelname, idx_scan FROM pg_stat_user_indexes WHERE indexrelname = ANY($2)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Tables });
        command.Parameters.Add(new NpgsqlParameter { Value = Indexes });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return new ScanCounts(counts);
    }

    private sealed record ScanCounts(Dictionary<string, long> Counts)
    {
        public string Describe(ScanCounts after) =>
            "sequential scans " + string.Join(", ", Tables.Select(t => $"{t} {after.Counts.GetValueOrDefault(t) - Counts.GetValueOrDefault(t)}")) +
            "; index scans " + string.Join(", ", Indexes.Select(i => $"{i} {after.Counts.GetValueOrDefault(i) - Counts.GetValueOrDefault(i)}"));
    }
}

/// <summary>The real Program plus the raw-query baseline endpoints ahead of every middleware, on the API's own data source.</summary>
public sealed class SearchAllBenchmarkFactory(string connectionString) : RawBaselineFactory<SearchAllBenchmarkFactory.RawSearchFilter>(connectionString)
{
    public const string RawSearchPath = "/bench/raw-search-all";
    public const string RawAutocompletePath = "/bench/raw-autocomplete";

    public sealed class RawSearchFilter : IStartupFilter
    {
        private static readonly Dictionary<SearchKind, string> KindSql =
            SearchKinds.All.ToDictionary(k => k.Key, k => SearchAllBenchmark.KindSql(k.Value));

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            var dataSource = app.ApplicationServices.GetRequiredService<NpgsqlDataSource>();
            var clock = app.ApplicationServices.GetRequiredService<IClock>();
            var json = app.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            app.Map(RawSearchPath, raw => raw.Run(async context =>
            {
                // As SearchQuery and its handler: the kinds asked (all by default), the terms parsed, each kind in turn, then the record.
                var q = context.Request.Query["q"].ToString();
                var type = context.Request.Query["type"].ToString();
                var limit = int.TryParse(context.Request.Query["limit"], out var l) ? l : SearchQuery.DefaultLimit;
                var kinds = new SearchQuery(q, type.Length == 0 ? null : type, limit).Kinds;
                var terms = SearchTerms.Parse(q);
                var ct = context.RequestAborted;

                var results = new Dictionary<string, IReadOnlyList<SearchHitDto>>();
                var total = 0;
                foreach (var kind in kinds)
                {
                    var hits = new List<SearchHitDto>(limit);
                    await using (var command = dataSource.CreateCommand(KindSql[kind]))
                    {
                        SearchAllBenchmark.AddKindParameters(command, terms, limit, null);
                        await using var reader = await command.ExecuteReaderAsync(ct);
                        while (await reader.ReadAsync(ct))
                        {
                            hits.Add(new SearchHitDto(reader.GetGuid(0), reader.GetString(1).Trim(), SearchSql.Snippet(reader.IsDBNull(2) ? null : reader.GetString(2)), Math.Round(reader.GetDouble(3), 4)));
                        }
                    }

                    results[kind.ToWireName()] = hits;
                    total += hits.Count;
                }

                await using (var record = dataSource.CreateCommand(SearchAllBenchmark.RecordSql))
                {
                    record.Parameters.Add(new NpgsqlParameter { Value = terms.Text });
                    record.Parameters.Add(new NpgsqlParameter { Value = string.Join(',', kinds.Select(k => k.ToWireName())) });
                    record.Parameters.Add(new NpgsqlParameter { Value = total });
                    record.Parameters.Add(new NpgsqlParameter { Value = clock.UtcNow });
                    await record.ExecuteNonQueryAsync(ct);
                }

                context.Response.StatusCode = StatusCodes.Status200OK;
                await context.Response.WriteAsJsonAsync(
                    new ApiResponse<SearchResultsDto>(true, new SearchResultsDto(terms.Text, results), null, ApiMeta.For(context)), json, ct);
            }));
            app.Map(RawAutocompletePath, raw => raw.Run(async context =>
            {
                // As AutocompleteQueryHandler and PostgresSearchIndex.AutocompleteAsync: the normalised text as a literal prefix, shortest first
                var prefix = SearchTerms.Parse(context.Request.Query["q"].ToString()).Text;
                var limit = int.TryParse(context.Request.Query["limit"], out var l) ? l : AutocompleteQuery.DefaultLimit;
                var ct = context.RequestAborted;
                var rows = new List<(string Text, string Type, Guid Id, int Rank)>();
                await using (var command = dataSource.CreateCommand(SearchAllBenchmark.AutocompleteSql))
                {
                    command.Parameters.AddRange(SearchSql.AutocompleteParameters(prefix, limit, null));
                    await using var reader = await command.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                    {
                        rows.Add((reader.GetString(0), reader.GetString(1), reader.GetGuid(2), reader.GetInt32(3)));
                    }
                }

                IReadOnlyList<SearchSuggestionDto> suggestions =
                [
                    .. rows.OrderBy(r => r.Text.Length).ThenBy(r => r.Rank).ThenBy(r => r.Text, StringComparer.Ordinal).Take(limit)
                        .Select(r => new SearchSuggestionDto(r.Text, r.Type, r.Id)),
                ];
                context.Response.StatusCode = StatusCodes.Status200OK;
                await context.Response.WriteAsJsonAsync(new ApiResponse<IReadOnlyList<SearchSuggestionDto>>(true, suggestions, null, ApiMeta.For(context)), json, ct);
            }));
            next(app);
        };
    }
}
