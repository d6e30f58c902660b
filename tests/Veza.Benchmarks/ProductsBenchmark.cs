using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Veza.Api.Http;
using Veza.Application.Categories;
using Veza.Application.Gear;
using Veza.Application.Gear.Products.Queries.SearchProducts;
using Veza.Domain.Common;
using Veza.Domain.Gear;
using Veza.Testing;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Veza.TestKit;

namespace Veza.Benchmarks;

/// <summary>
/// GET /api/v1/products/search?q= (a misspelt brand) over 50,000 generated catalog products against the same
/// search as one raw Npgsql query behind a bare endpoint in the same process (same data source, same database,
/// same run): GearReadModel.SearchProductsAsync's SQL as written (trigram word similarity, the <c>&lt;%</c> operator
/// on ix_products_search), the hits mapped to the same DTOs and written in the same envelope with the API's JSON
/// settings. Anonymous, as the catalog is public. The plan is that of the API's own command, captured from one
/// request and run again under EXPLAIN (ANALYZE, BUFFERS).
/// </summary>
public static class ProductsBenchmark
{
    public const int Products = 50_000;

    /// <summary>"Focusrite" with its last letter missing: word similarity 8/9 to the brand, nothing else close.</summary>
    public const string DefaultTerm = "focusrit";

    public const int Limit = SearchProductsQuery.DefaultLimit;

    /// <summary>The search text GearReadModel builds and ix_products_search indexes.</summary>
    private const string Text = "lower(p.name || ' ' || p.brand || ' ' || coalesce(p.model, ''))";

    /// <summary>
    /// GearReadModel.SearchProductsAsync's SQL as written; its three interpolations are positional parameters as EF
    /// makes them (@p0, @p1: the query, @p2: the limit).
    /// </summary>
    public const string SearchSql = """
        SELECT p.id AS "Id", p.name AS "Name", p.brand AS "Brand", p.model AS "Model", p.status AS "Status",
               c.id AS "CategoryId", c.name AS "CategoryName", c.slug AS "CategorySlug",
               word_similarity($1, lower(p.name || ' ' || p.brand || ' ' || coalesce(p.model, ''))) AS "Score"
        FROM products p JOIN categories c ON c.id = p.category_id
        WHERE p.status = 'active' AND $2 <% lower(p.name || ' ' || p.brand || ' ' || coalesce(p.model, ''))
        ORDER BY "Score" DESC, p.name, p.id
        LIMIT $3
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 && int.TryParse(args[0], out var s) ? s : 10;
        var connections = args.Length > 1 && int.TryParse(args[1], out var c) ? c : 32;
        var term = args.Length > 2 && args[2].Trim().Length >= 2 ? args[2].Trim().ToLowerInvariant() : DefaultTerm;
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new ProductsBenchmarkFactory(database.ConnectionString);
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();
        var baseUrl = client.BaseAddress!.ToString().TrimEnd('/');

        var watch = Stopwatch.StartNew();
        await SeedAsync(database.ConnectionString);
        var seeded = watch.Elapsed;
        var summary = await SummaryAsync(database.ConnectionString, term);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# seeded in {seeded.TotalSeconds:0.0} s: {summary}"));

        var query = $"q={Uri.EscapeDataString(term)}&limit={Limit}";
        var apiUrl = $"{baseUrl}/api/v1/products/search?{query}";
        var rawUrl = $"{baseUrl}{ProductsBenchmarkFactory.RawPath}?{query}";
        Console.WriteLine($"# GET /api/v1/products/search?{query} (anonymous)");

        // One API request with EF's command captured: the same SQL and parameters go under EXPLAIN below.
        List<(string Sql, NpgsqlParameter[] Parameters)> commands;
        string apiBody;
        using (var capture = EfCommandCapture.Start(sql => sql.Contains("FROM products", StringComparison.Ordinal)))
        {
            await Task.Delay(2000); // EF re-reads whether anyone listens to its diagnostics once a second (LoggingCacheTime).
            apiBody = await GetAsync(client, apiUrl);
            commands = capture.Commands;
        }

        var rawBody = await GetAsync(client, rawUrl);
        Console.WriteLine($"# API answer: {apiBody[..Math.Min(apiBody.Length, 300)]}...");
        Console.WriteLine($"# raw answer: {rawBody[..Math.Min(rawBody.Length, 300)]}...");
        Console.WriteLine($"# same hits: {SameHits(apiBody, rawBody)}");

        Console.WriteLine($"# the API's {commands.Count} catalog command(s) for one request, EXPLAIN (ANALYZE, BUFFERS, COSTS OFF):");
        foreach (var (sql, parameters) in commands)
        {
            Console.WriteLine("  -- " + string.Join(" ", sql.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim())));
            Console.WriteLine("  -- parameters: " + string.Join(", ", parameters.Select(p => $"{p.ParameterName}={p.Value}")));
            foreach (var line in await MarketBenchmark.ExplainAsync(database.ConnectionString, sql, parameters))
            {
                Console.WriteLine("    " + line);
            }
        }

        Console.WriteLine($"# wrk -t2 -c{connections} -d{seconds}s after a 3 s warm-up per endpoint; same process, same machine, logging at Warning");
        var beforeRaw = await ScanCountsAsync(database.ConnectionString);
        var raw = await HttpBenchmark.MeasureAsync(rawUrl, string.Empty, seconds, connections);
        HttpBenchmark.Report("raw Npgsql search (baseline)", raw);
        var before = await ScanCountsAsync(database.ConnectionString);
        var api = await HttpBenchmark.MeasureAsync(apiUrl, string.Empty, seconds, connections);
        HttpBenchmark.Report("GET /api/v1/products/search", api);
        var after = await ScanCountsAsync(database.ConnectionString);

        Console.WriteLine($"# index use during the raw run (warm-up included): {beforeRaw.Describe(before)}");
        Console.WriteLine($"# index use during the API run (warm-up included): {before.Describe(after)}");
        HttpBenchmark.ReportRatios(api, raw);
        return 0;
    }

    internal static void AddParameters(NpgsqlCommand command, string term, int limit)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = term });
        command.Parameters.Add(new NpgsqlParameter { Value = term });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
    }

    /// <summary>
    /// 50,000 products over the 12 leaf categories of migration 0026: 104 brand lines (79 brands, some in several
    /// categories: Behringer in five, Focusrite in interfaces and outboard), each with its real series, drawn by weight
    /// (guitars most, track licences least); names "series number edition" ("Scarlett 412 Mk II"), models
    /// "FOC-412M2" (half of the software ones without), prices for 70%, warranties 0 to 60 months, 5% discontinued.
    /// Then VACUUM ANALYZE, as autovacuum would leave a settled table.
    /// </summary>
    private static async Task SeedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var seed = new NpgsqlCommand(
            $"""
            SELECT setseed(0.27);
            WITH lines (slug, brand, series, weight) AS (VALUES
              ('guitars', 'Fender', ARRAY['Stratocaster','Telecaster','Jazzmaster','Jaguar','Mustang'], 8),
              ('guitars', 'Gibson', ARRAY['Les Paul Standard','Les Paul Junior','SG Standard','ES-335','Flying V','Explorer'], 6),
              ('guitars', 'Squier', ARRAY['Classic Vibe Stratocaster','Affinity Telecaster','Paranormal Jazzmaster'], 4),
              ('guitars', 'Epiphone', ARRAY['Les Paul Classic','SG Special','Casino','Sheraton'], 4),
              ('guitars', 'Ibanez', ARRAY['RG','S','AZ','Artcore AS','JEM'], 5),
              ('guitars', 'PRS', ARRAY['Custom 24','McCarty 594','SE Custom 24','Silver Sky'], 3),
              ('guitars', 'Gretsch', ARRAY['White Falcon','Streamliner','Electromatic'], 2),
              ('guitars', 'Yamaha', ARRAY['Pacifica','Revstar','FG','APX'], 3),
              ('guitars', 'Schecter', ARRAY['Hellraiser','Omen','Solo-II'], 2),
              ('guitars', 'ESP', ARRAY['LTD EC','LTD M','Eclipse'], 2),
              ('guitars', 'Martin', ARRAY['D-28','000-15M','HD-35'], 2),
              ('guitars', 'Taylor', ARRAY['314ce','814ce','GS Mini'], 2),
              ('basses', 'Fender', ARRAY['Precision Bass','Jazz Bass','Mustang Bass'], 5),
              ('basses', 'Music Man', ARRAY['StingRay','Bongo','Sterling'], 3),
              ('basses', 'Ibanez', ARRAY['SR','BTB','Talman Bass'], 3),
              ('basses', 'Warwick', ARRAY['Corvette','Streamer','Thumb'], 2),
              ('basses', 'Yamaha', ARRAY['BB','TRBX'], 2),
              ('basses', 'Sire', ARRAY['Marcus Miller V7','Marcus Miller M2'], 2),
              ('basses', 'Rickenbacker', ARRAY['4003'], 1),
              ('basses', 'Höfner', ARRAY['Violin Bass','Club Bass'], 1),
              ('keyboards-and-synths', 'Korg', ARRAY['Minilogue','Monologue','MS-20','Kronos','Wavestate','opsix'], 5),
              ('keyboards-and-synths', 'Roland', ARRAY['Juno','Jupiter','JD-Xi','Fantom','SH'], 5),
              ('keyboards-and-synths', 'Moog', ARRAY['Minimoog Model D','Subsequent 37','Grandmother','Matriarch','Mother-32'], 3),
              ('keyboards-and-synths', 'Arturia', ARRAY['MiniFreak','MicroFreak','PolyBrute','KeyStep','MiniLab'], 4),
              ('keyboards-and-synths', 'Novation', ARRAY['Peak','Summit','Bass Station','Launchkey'], 3),
              ('keyboards-and-synths', 'Yamaha', ARRAY['Montage','MODX','Reface','P'], 4),
              ('keyboards-and-synths', 'Nord', ARRAY['Stage','Lead','Electro','Piano'], 3),
              ('keyboards-and-synths', 'Sequential', ARRAY['Prophet','OB-6','Take 5'], 2),
              ('keyboards-and-synths', 'Behringer', ARRAY['Poly D','DeepMind','Model D','Crave','MS-1'], 4),
              ('keyboards-and-synths', 'Elektron', ARRAY['Digitone','Analog Four','Syntakt'], 2),
              ('drums', 'Pearl', ARRAY['Export','Masters Maple','Decade'], 3),
              ('drums', 'Tama', ARRAY['Starclassic','Superstar','Imperialstar'], 3),
              ('drums', 'Ludwig', ARRAY['Classic Maple','Supraphonic','Breakbeats'], 2),
              ('drums', 'DW', ARRAY['Collector''s','Performance','Design'], 2),
              ('drums', 'Roland', ARRAY['TD V-Drums','SPD-SX','Octapad'], 3),
              ('drums', 'Zildjian', ARRAY['K Custom','A Custom','S Family'], 2),
              ('drums', 'Sabian', ARRAY['HHX','AAX','XSR'], 2),
              ('drums', 'Alesis', ARRAY['Nitro Mesh','Strike','Crimson'], 2),
              ('audio-interfaces', 'Focusrite', ARRAY['Scarlett','Clarett+','Red','Vocaster'], 5),
              ('audio-interfaces', 'Universal Audio', ARRAY['Apollo Twin','Apollo x','Volt'], 4),
              ('audio-interfaces', 'RME', ARRAY['Babyface Pro','Fireface UCX','Digiface'], 2),
              ('audio-interfaces', 'MOTU', ARRAY['M','UltraLite','828'], 2),
              ('audio-interfaces', 'PreSonus', ARRAY['Studio','AudioBox','Quantum'], 3),
              ('audio-interfaces', 'Behringer', ARRAY['U-Phoria UMC','X-Touch'], 3),
              ('audio-interfaces', 'Steinberg', ARRAY['UR','IXO','AXR'], 2),
              ('audio-interfaces', 'Audient', ARRAY['iD','EVO','Sono'], 2),
              ('audio-interfaces', 'Native Instruments', ARRAY['Komplete Audio'], 1),
              ('audio-interfaces', 'Apogee', ARRAY['Duet','Symphony Desktop','Boom'], 1),
              ('audio-interfaces', 'SSL', ARRAY['SSL 2','SSL 2+','SSL 12'], 1),
              ('microphones', 'Shure', ARRAY['SM57','SM58','SM7B','Beta 52A','KSM'], 5),
              ('microphones', 'Neumann', ARRAY['U 87 Ai','TLM','KM','U 47 fet'], 3),
              ('microphones', 'AKG', ARRAY['C414','C214','P120','D112'], 3),
              ('microphones', 'Rode', ARRAY['NT1','NT-USB','PodMic','Procaster','NT5'], 4),
              ('microphones', 'Audio-Technica', ARRAY['AT2020','AT4040','AT2035','AE'], 3),
              ('microphones', 'Sennheiser', ARRAY['MD 421','e 609','e 935','MKH'], 3),
              ('microphones', 'Behringer', ARRAY['B-1','C-1','XM8500','BA 85A'], 2),
              ('microphones', 'Electro-Voice', ARRAY['RE20','RE320','ND'], 1),
              ('microphones', 'Warm Audio', ARRAY['WA-47','WA-87','WA-251'], 1),
              ('monitors', 'Yamaha', ARRAY['HS','MSP'], 3),
              ('monitors', 'KRK', ARRAY['Rokit','Classic','V'], 3),
              ('monitors', 'Genelec', ARRAY['8030','8040','8341','G'], 2),
              ('monitors', 'Adam Audio', ARRAY['T5V','T7V','A7X','S'], 2),
              ('monitors', 'Focal', ARRAY['Alpha','Shape','Solo6'], 2),
              ('monitors', 'Neumann', ARRAY['KH 120','KH 310','KH 80'], 1),
              ('monitors', 'JBL', ARRAY['305P','LSR','4312'], 2),
              ('monitors', 'PreSonus', ARRAY['Eris','Sceptre'], 2),
              ('monitors', 'Kali Audio', ARRAY['LP-6','IN-8'], 1),
              ('monitors', 'IK Multimedia', ARRAY['iLoud Micro Monitor','iLoud MTM'], 1),
              ('headphones', 'Sennheiser', ARRAY['HD 600','HD 650','HD 280 Pro','HD 25'], 3),
              ('headphones', 'Beyerdynamic', ARRAY['DT 770 Pro','DT 990 Pro','DT 1990 Pro'], 3),
              ('headphones', 'Audio-Technica', ARRAY['ATH-M50x','ATH-M40x','ATH-R70x'], 3),
              ('headphones', 'Sony', ARRAY['MDR-7506','MDR-M1ST','MDR-CD900ST'], 2),
              ('headphones', 'AKG', ARRAY['K371','K702','K240'], 2),
              ('headphones', 'Shure', ARRAY['SRH440','SRH840','SRH1540'], 1),
              ('headphones', 'Focal', ARRAY['Listen Professional','Clear MG Professional'], 1),
              ('headphones', 'Behringer', ARRAY['HPS','HPM'], 1),
              ('outboard', 'Universal Audio', ARRAY['1176LN','LA-2A','610-B'], 3),
              ('outboard', 'Focusrite', ARRAY['ISA One','ISA 428','ISA Two'], 1),
              ('outboard', 'dbx', ARRAY['160A','166xs','286s'], 2),
              ('outboard', 'SSL', ARRAY['Fusion','Bus+','Six'], 2),
              ('outboard', 'Warm Audio', ARRAY['WA76','WA-2A','WA73'], 2),
              ('outboard', 'Neve', ARRAY['1073','88RLB','Master Buss Processor'], 1),
              ('outboard', 'API', ARRAY['512c','550A','2500'], 1),
              ('outboard', 'Behringer', ARRAY['MDX','Ultragain','Virtualizer'], 2),
              ('outboard', 'TC Electronic', ARRAY['M350','Finalizer'], 1),
              ('outboard', 'Drawmer', ARRAY['1968','DS201','1973'], 1),
              ('plugins', 'FabFilter', ARRAY['Pro-Q','Pro-C','Pro-L','Saturn'], 3),
              ('plugins', 'Waves', ARRAY['CLA-76','SSL E-Channel','H-Delay','Renaissance'], 4),
              ('plugins', 'Native Instruments', ARRAY['Kontakt','Massive X','Reaktor','Guitar Rig'], 3),
              ('plugins', 'Arturia', ARRAY['V Collection','Pigments','FX Collection'], 2),
              ('plugins', 'Soundtoys', ARRAY['Decapitator','EchoBoy','Little AlterBoy'], 2),
              ('plugins', 'iZotope', ARRAY['Ozone','Neutron','RX','Nectar'], 3),
              ('plugins', 'Universal Audio', ARRAY['UAD Pultec','UAD Neve 1073','UAD LA-2A'], 2),
              ('plugins', 'Xfer Records', ARRAY['Serum','OTT','LFO Tool'], 1),
              ('plugins', 'Spectrasonics', ARRAY['Omnisphere','Keyscape','Trilian'], 1),
              ('plugins', 'Valhalla DSP', ARRAY['VintageVerb','Supermassive','Delay'], 1),
              ('sample-packs', 'Splice', ARRAY['Sounds Pack','Originals'], 2),
              ('sample-packs', 'Loopmasters', ARRAY['Deep House','Drum & Bass','Lo-Fi Hip Hop'], 2),
              ('sample-packs', 'Native Instruments', ARRAY['Expansion','Play Series'], 1),
              ('sample-packs', 'Spitfire Audio', ARRAY['LABS','BBC Symphony Orchestra','Albion'], 2),
              ('sample-packs', 'Output', ARRAY['Arcade Kit','Exhale','Signal'], 1),
              ('sample-packs', 'Sample Magic', ARRAY['Techno','Afro House','Synthwave'], 1),
              ('track-licences', 'Epidemic Sound', ARRAY['Personal licence','Commercial licence'], 1),
              ('track-licences', 'Artlist', ARRAY['Social licence','Pro licence'], 1)),
                 numbered AS (SELECT row_number() OVER (ORDER BY l.slug, l.brand) AS n, l.*, c.id AS category_id,
                                     c.parent_id IN ('0193a000-0000-7000-8000-000000000300', '0193a000-0000-7000-8000-000000000400') AS virtual
                              FROM lines l JOIN categories c ON c.slug = l.slug),
                 picks AS (SELECT array_agg(n ORDER BY n) AS ns FROM numbered, generate_series(1, weight)),
                 g AS (SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6, random() AS r7
                       FROM generate_series(1, {Products}) AS i),
                 shaped AS (
                   SELECT g.*, numbered.*, (10 + floor(r3 * 990))::int AS num, 1 + floor(r4 * 12)::int AS edition,
                          lower(regexp_replace(numbered.brand, '[^A-Za-z]', '', 'g')) AS letters
                   FROM g, picks, numbered
                   WHERE numbered.n = picks.ns[1 + floor(g.r1 * array_length(picks.ns, 1))::int])
            INSERT INTO products (id, name, category_id, brand, model, description, price, currency, warranty_months, warranty_conditions,
                                  manufacturer_website, specifications, status, created_at, updated_at)
            SELECT gen_random_uuid(),
                   series[1 + floor(r2 * array_length(series, 1))::int] || ' ' || num
                     || (ARRAY['', '', '', ' Mk II', ' Mk III', ' Pro', ' Studio', ' Mini', ' SE', ' XL', ' (3rd gen)', ' (4th gen)'])[edition],
                   category_id, brand,
                   CASE WHEN NOT virtual OR r5 < 0.5 THEN upper(left(letters, 3)) || '-' || num || (ARRAY['', '', '', 'M2', 'M3', 'P', 'S', 'MN', 'SE', 'XL', '3G', '4G'])[edition] END,
                   'Catalog entry ' || i || ': ' || brand || ' ' || series[1] || ' family.',
                   CASE WHEN r6 < 0.7 THEN round(exp(ln(20) + r6 * ln(200))::numeric, 2) END,
                   CASE WHEN r6 < 0.7 THEN 'EUR' END,
                   CASE WHEN virtual THEN 0 ELSE (ARRAY[12, 24, 24, 24, 36, 60])[1 + floor(r7 * 6)::int] END,
                   CASE WHEN NOT virtual THEN 'Registration within 30 days; proof of purchase required.' END,
                   'https://www.' || letters || '.com',
                   jsonb_build_object('weight_g', 200 + floor(r3 * 8000)::int, 'color', (ARRAY['black', 'white', 'sunburst', 'silver'])[1 + i % 4], 'year', 1990 + i % 35),
                   CASE WHEN r7 < 0.95 THEN 'active' ELSE 'discontinued' END,
                   now() - r5 * interval '3 years', now() - r5 * interval '1 year'
            FROM shaped;
            """, connection))
        {
            seed.CommandTimeout = 600;
            await seed.ExecuteNonQueryAsync();
        }

        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE products", connection) { CommandTimeout = 600 };
        await vacuum.ExecuteNonQueryAsync();
    }

    private static async Task<string> SummaryAsync(string connectionString, string term)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            SELECT (SELECT count(*) FROM products), (SELECT count(*) FROM products WHERE status = 'active'),
                   (SELECT count(DISTINCT brand) FROM products), (SELECT count(DISTINCT category_id) FROM products),
                   (SELECT count(*) FROM products p WHERE p.status = 'active' AND $1 <% {Text}),
                   (SELECT string_agg(brand || ' ' || n, ', ' ORDER BY n DESC) FROM (SELECT p.brand, count(*) AS n FROM products p
                     WHERE p.status = 'active' AND $1 <% {Text} GROUP BY p.brand) b)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = term });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return string.Create(CultureInfo.InvariantCulture,
            $"{reader.GetInt64(0):N0} products ({reader.GetInt64(1):N0} active), {reader.GetInt64(2)} brands, {reader.GetInt64(3)} categories; " +
            $"{reader.GetInt64(4):N0} active match q={term} ({(reader.IsDBNull(5) ? "none" : reader.GetString(5))})");
    }

    /// <summary>The body, or the status and body of a failure (the run goes on: wrk counts non-2xx answers).</summary>
    private static async Task<string> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? body : $"HTTP {(int)response.StatusCode}: {body}";
    }

    private static string SameHits(string apiBody, string rawBody)
    {
        if (JsonNode.Parse(apiBody.StartsWith("HTTP ", StringComparison.Ordinal) ? "{}" : apiBody)?["data"] is not JsonArray api
            || JsonNode.Parse(rawBody.StartsWith("HTTP ", StringComparison.Ordinal) ? "{}" : rawBody)?["data"] is not JsonArray raw)
        {
            return "NOT COMPARABLE (an endpoint failed)";
        }

        return $"{(JsonNode.DeepEquals(api, raw) ? "identical" : "DIFFERENT")} ({api.Count} hits)";
    }

    private static async Task<ScanCounts> ScanCountsAsync(string connectionString)
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
            SELECT (SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'products'),
                   (SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = 'ix_products_search'),
                   (SELECT idx_tup_read FROM pg_stat_user_indexes WHERE indexrelname = 'ix_products_search')
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new ScanCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private sealed record ScanCounts(long Sequential, long Trigram, long TrigramTuples)
    {
        public string Describe(ScanCounts after) => string.Create(CultureInfo.InvariantCulture,
            $"{after.Sequential - Sequential} sequential scans of products; ix_products_search {after.Trigram - Trigram} scans ({after.TrigramTuples - TrigramTuples:N0} entries read)");
    }
}

/// <summary>The real Program plus the raw-query baseline endpoint ahead of every middleware, on the API's own data source.</summary>
public sealed class ProductsBenchmarkFactory(string connectionString) : RawBaselineFactory<ProductsBenchmarkFactory.RawProductSearchFilter>(connectionString)
{
    public const string RawPath = "/bench/raw-products-search";

    public sealed class RawProductSearchFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            var dataSource = app.ApplicationServices.GetRequiredService<NpgsqlDataSource>();
            var json = app.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            app.Map(RawPath, raw => raw.Run(async context =>
            {
                // As SearchProductsQueryHandler: trimmed and lower-cased.
                var term = context.Request.Query["q"].ToString().Trim().ToLowerInvariant();
                var limit = int.TryParse(context.Request.Query["limit"], out var l) ? l : SearchProductsQuery.DefaultLimit;
                var ct = context.RequestAborted;

                var hits = new List<ProductSearchHitDto>(limit);
                await using (var command = dataSource.CreateCommand(ProductsBenchmark.SearchSql))
                {
                    ProductsBenchmark.AddParameters(command, term, limit);
                    await using var reader = await command.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                    {
                        hits.Add(Read(reader));
                    }
                }

                context.Response.StatusCode = StatusCodes.Status200OK;
                await context.Response.WriteAsJsonAsync(
                    new ApiResponse<IReadOnlyList<ProductSearchHitDto>>(true, hits, null, ApiMeta.For(context)), json, ct);
            }));
            next(app);
        };

        /// <summary>GearReadModel's mapping of a SearchRow: status parsed from its wire name, the score rounded to 4 places.</summary>
        private static ProductSearchHitDto Read(NpgsqlDataReader r) => new(
            r.GetGuid(0),
            r.GetString(1),
            r.GetString(2),
            r.IsDBNull(3) ? null : r.GetString(3),
            new CategoryRefDto(r.GetGuid(5), r.GetString(6), r.GetString(7)),
            WireNames.Parse<ProductStatus>(r.GetString(4)),
            Math.Round(r.GetDouble(8), 4));
    }
}
