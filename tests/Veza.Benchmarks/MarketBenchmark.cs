using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
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
using Veza.Application.Common.Models;
using Veza.Application.Marketplace;
using Veza.Domain.Common;
using Veza.Domain.Marketplace;
using Veza.Testing;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Veza.TestKit;

namespace Veza.Benchmarks;

/// <summary>
/// GET /api/v1/listings (a parent category, a price range, sort=price_asc) over 100,000 generated listings
/// against the same search as raw Npgsql queries behind a bare endpoint in the same process (same data
/// source, same database, same run): the category and its descendants, the count, the page with the same
/// joins and subqueries, mapped to the same DTOs and written in the same envelope with the API's JSON settings.
/// Anonymous, as buyers browse. The plans are those of the API's own (EF-generated) commands, captured from
/// one request and run again under EXPLAIN (ANALYZE, BUFFERS).
/// </summary>
public static class MarketBenchmark
{
    public const int Listings = 100_000;
    public const int Sellers = 400;

    /// <summary>Studio: its five children (audio interfaces, microphones, monitors, headphones, outboard) hold the listings.</summary>
    public const string Category = "0193a000-0000-7000-8000-000000000200";
    public const string MinPrice = "100";
    public const string MaxPrice = "400";
    public const int Limit = 20;

    /// <summary>The category and every one under it (what CategoryTree.WithDescendants answers); null when there is no such category.</summary>
    public const string CategorySql = """
        WITH RECURSIVE tree AS (
          SELECT id FROM categories WHERE id = $1
          UNION ALL
          SELECT c.id FROM categories c JOIN tree t ON c.parent_id = t.id)
        SELECT array_agg(id) FROM tree
        """;

    /// <summary>The filter of MarketReadModel.SearchListingsAsync for an anonymous buyer: active, not hidden, category, price range.</summary>
    private const string Filter = "l.status = 'active' AND l.hidden_at IS NULL AND l.category_id = ANY($1) AND l.price >= $2 AND l.price <= $3";

    public const string CountSql = "SELECT count(*) FROM listings l WHERE " + Filter;

    /// <summary>MarketReadModel.Rows by hand: seller name and rating (two subqueries on ratings), category, first picture.</summary>
    public const string PageSql = $"""
        SELECT l.id, l.seller_id, u.username,
               (SELECT avg(r.score::float8) FROM ratings r WHERE r.ratee_id = l.seller_id),
               (SELECT count(*)::int FROM ratings r WHERE r.ratee_id = l.seller_id),
               l.title, l.kind, l.price, l.currency, l.condition, c.id, c.name, c.slug, l.tags, l.location, l.track_id, l.status,
               (SELECT i.id FROM listing_images i WHERE i.listing_id = l.id ORDER BY i.position LIMIT 1),
               l.created_at, l.published_at, l.expires_at, l.user_product_id
        FROM listings l
        JOIN users u ON u.id = l.seller_id
        JOIN categories c ON c.id = l.category_id
        WHERE {Filter}
        ORDER BY l.price, l.id
        LIMIT $4 OFFSET $5
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 && int.TryParse(args[0], out var s) ? s : 10;
        var connections = args.Length > 1 && int.TryParse(args[1], out var c) ? c : 32;
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MarketBenchmarkFactory(database.ConnectionString);
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();
        var baseUrl = client.BaseAddress!.ToString().TrimEnd('/');

        var watch = Stopwatch.StartNew();
        await SeedAsync(database.ConnectionString);
        var seeded = watch.Elapsed;
        var summary = await SummaryAsync(database.ConnectionString);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# seeded in {seeded.TotalSeconds:0.0} s: {summary}"));

        var query = $"category={Category}&min_price={MinPrice}&max_price={MaxPrice}&sort=price_asc&limit={Limit}";
        var apiUrl = $"{baseUrl}/api/v1/listings?{query}";
        var rawUrl = $"{baseUrl}{MarketBenchmarkFactory.RawPath}?{query}";
        Console.WriteLine($"# GET /api/v1/listings?{query} (Studio and its 5 children, anonymous)");

        // One API request with EF's commands captured: the same SQL and parameters go under EXPLAIN below.
        List<(string Sql, NpgsqlParameter[] Parameters)> commands;
        string apiBody;
        using (var capture = EfCommandCapture.Start(
            // The market's commands only (the category tree, the count, the page), not the background jobs polling meanwhile.
            sql => sql.Contains("FROM listings", StringComparison.Ordinal) || sql.Contains("FROM categories", StringComparison.Ordinal)))
        {
            await Task.Delay(2000); // EF re-reads whether anyone listens to its diagnostics once a second (LoggingCacheTime).
            apiBody = await client.GetStringAsync(apiUrl);
            commands = capture.Commands;
        }

        var rawBody = await client.GetStringAsync(rawUrl);
        Console.WriteLine($"# API answer: {apiBody[..Math.Min(apiBody.Length, 200)]}...");
        Console.WriteLine($"# raw answer: {rawBody[..Math.Min(rawBody.Length, 200)]}...");
        Console.WriteLine($"# same page: {SamePage(apiBody, rawBody)}");

        Console.WriteLine($"# the API's {commands.Count} market commands for one request (category tree, count, page), EXPLAIN (ANALYZE, BUFFERS, COSTS OFF):");
        foreach (var (sql, parameters) in commands)
        {
            Console.WriteLine("  -- " + string.Join(" ", sql.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim())));
            foreach (var line in await ExplainAsync(database.ConnectionString, sql, parameters))
            {
                Console.WriteLine("    " + line);
            }
        }

        Console.WriteLine("# the raw page query, EXPLAIN (ANALYZE, BUFFERS, COSTS OFF):");
        var studio = await CategoryIdsAsync(database.ConnectionString);
        foreach (var line in await ExplainAsync(database.ConnectionString, PageSql, [.. PageParameters(studio, decimal.Parse(MinPrice, CultureInfo.InvariantCulture), decimal.Parse(MaxPrice, CultureInfo.InvariantCulture), Limit, 0)]))
        {
            Console.WriteLine("    " + line);
        }

        Console.WriteLine($"# wrk -t2 -c{connections} -d{seconds}s after a 3 s warm-up per endpoint; same process, same machine, logging at Warning");
        var beforeRaw = await ScanCountsAsync(database.ConnectionString);
        var raw = await HttpBenchmark.MeasureAsync(rawUrl, string.Empty, seconds, connections);
        HttpBenchmark.Report("raw Npgsql listings (baseline)", raw);
        var before = await ScanCountsAsync(database.ConnectionString);
        var api = await HttpBenchmark.MeasureAsync(apiUrl, string.Empty, seconds, connections);
        HttpBenchmark.Report("GET /api/v1/listings", api);
        var after = await ScanCountsAsync(database.ConnectionString);

        Console.WriteLine($"# index use during the raw run (warm-up included): {beforeRaw.Describe(before)}");
        Console.WriteLine($"# index use during the API run (warm-up included): {before.Describe(after)}");
        HttpBenchmark.ReportRatios(api, raw);
        return 0;
    }

    /// <summary>
    /// 400 sellers; 100,000 listings over the 12 leaf categories (Studio's five hold 5/12), prices log-uniform
    /// from 5 to 5,000 EUR (5% trades without a price), 90% active (0.5% of those hidden), the rest sold, archived
    /// or drafts; 0 to 3 pictures each; every sold listing an accepted offer, a completed transaction and the
    /// buyer's rating of the seller (about 4,000 ratings, ~10 per seller). Then VACUUM ANALYZE, as autovacuum
    /// would leave a settled table (visibility map set: index-only scans possible).
    /// </summary>
    private static async Task SeedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var seed = new NpgsqlCommand(
            $"""
            SELECT setseed(0.42);
            INSERT INTO users (id, username, normalized_username, email, normalized_email, password_hash, role, created_at, updated_at, display_name)
            SELECT gen_random_uuid(), 'seller_' || i, 'seller_' || i, 'seller_' || i || '@example.com', 'seller_' || i || '@example.com', '!', 'user',
                   now(), now(), 'Seller ' || i
            FROM generate_series(1, {Sellers}) AS i;

            WITH sellers AS (SELECT array_agg(id ORDER BY username) AS ids FROM users WHERE username LIKE 'seller\_%'),
                 leaves AS (SELECT array_agg(c.id ORDER BY c.id) AS ids FROM categories c WHERE NOT EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id)),
                 g AS (SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6, random() AS r7
                       FROM generate_series(1, {Listings}) AS i),
                 shaped AS (
                   SELECT g.*, CASE WHEN r1 < 0.90 THEN 'sale' WHEN r1 < 0.95 THEN 'sale_or_trade' ELSE 'trade' END AS kind,
                          CASE WHEN r5 < 0.90 THEN 'active' WHEN r5 < 0.94 THEN 'sold' WHEN r5 < 0.97 THEN 'archived' ELSE 'draft' END AS status,
                          now() - r7 * interval '60 days' AS created
                   FROM g)
            INSERT INTO listings (id, seller_id, title, description, kind, price, currency, condition, category_id, tags, location, status,
                                  hidden_at, hidden_reason, created_at, updated_at, published_at, expires_at)
            SELECT gen_random_uuid(),
                   sellers.ids[1 + floor(r4 * array_length(sellers.ids, 1))::int],
                   (ARRAY['Vintage','Boutique','Classic','Modded','Rare','Clean','Studio-grade','Road-worn'])[1 + i % 8] || ' ' ||
                   (ARRAY['preamp','condenser','interface','monitor pair','headphones','compressor','synth','pedal','bass','snare'])[1 + (i / 8) % 10] || ' #' || i,
                   'Works perfectly, pick-up or shipping. Listing ' || i,
                   kind,
                   CASE WHEN kind <> 'trade' THEN round(exp(ln(5) + r2 * ln(1000))::numeric, 2) END,
                   CASE WHEN kind <> 'trade' THEN 'EUR' END,
                   (ARRAY['new','like_new','good','fair','for_parts'])[1 + floor(r3 * 5)::int],
                   leaves.ids[1 + i % array_length(leaves.ids, 1)],
                   CASE WHEN i % 3 = 0 THEN ARRAY['vintage'] ELSE ARRAY[]::text[] END,
                   (ARRAY['Paris','Lyon','Berlin','Brussels',NULL])[1 + i % 5],
                   status,
                   CASE WHEN status = 'active' AND r6 < 0.005 THEN now() END,
                   CASE WHEN status = 'active' AND r6 < 0.005 THEN 'benchmark' END,
                   created, created,
                   CASE WHEN status <> 'draft' THEN created END,
                   CASE WHEN status <> 'draft' THEN created + interval '60 days' END
            FROM shaped, sellers, leaves;

            INSERT INTO listing_images (id, listing_id, position, width, height, created_at)
            SELECT gen_random_uuid(), l.id, p, 1200, 900, l.created_at
            FROM listings l, LATERAL generate_series(0, (hashtext(l.id::text) & 2147483647) % 4 - 1) AS p;

            WITH sellers AS (SELECT array_agg(id ORDER BY username) AS ids FROM users WHERE username LIKE 'seller\_%'),
                 sold AS (
                   SELECT l.id, l.seller_id, l.price, l.currency, l.created_at, h,
                          md5(l.id::text || 'offer')::uuid AS offer_id, md5(l.id::text || 'transaction')::uuid AS transaction_id,
                          sellers.ids[1 + h % array_length(sellers.ids, 1)] AS candidate, sellers.ids[1 + (h + 1) % array_length(sellers.ids, 1)] AS other
                   FROM listings l, sellers, LATERAL (SELECT hashtext(l.id::text || 'buyer') & 2147483647 AS h) x
                   WHERE l.status = 'sold'),
                 deal AS (SELECT sold.*, CASE WHEN candidate = seller_id THEN other ELSE candidate END AS buyer_id FROM sold),
                 offers_in AS (
                   INSERT INTO offers (id, listing_id, buyer_id, seller_id, status, amount, currency, turn, expires_at, transaction_id, created_at, updated_at)
                   SELECT offer_id, id, buyer_id, seller_id, 'accepted', price, currency, 'seller', created_at + interval '3 days', transaction_id,
                          created_at + interval '1 day', created_at + interval '1 day'
                   FROM deal RETURNING id),
                 transactions_in AS (
                   INSERT INTO market_transactions (id, offer_id, listing_id, buyer_id, seller_id, amount, currency, status, shipped_at, completed_at,
                                                    created_at, updated_at)
                   SELECT transaction_id, offer_id, id, buyer_id, seller_id, price, currency, 'completed', created_at + interval '2 days',
                          created_at + interval '5 days', created_at + interval '1 day', created_at + interval '5 days'
                   FROM deal WHERE offer_id IN (SELECT id FROM offers_in) RETURNING id)
            INSERT INTO ratings (id, transaction_id, rater_id, ratee_id, score, comment, created_at)
            SELECT md5(id::text || 'rating')::uuid, transaction_id, buyer_id, seller_id, (ARRAY[5,5,5,5,4,4,4,3,2,1])[1 + h % 10], NULL,
                   created_at + interval '6 days'
            FROM deal WHERE transaction_id IN (SELECT id FROM transactions_in);
            """, connection))
        {
            seed.CommandTimeout = 600;
            await seed.ExecuteNonQueryAsync();
        }

        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 600 };
        await vacuum.ExecuteNonQueryAsync();
    }

    private static async Task<string> SummaryAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            SELECT (SELECT count(*) FROM listings), (SELECT count(*) FROM listings WHERE status = 'active' AND hidden_at IS NULL),
                   (SELECT count(*) FROM users WHERE username LIKE 'seller\_%'), (SELECT count(*) FROM listing_images), (SELECT count(*) FROM ratings),
                   (SELECT count(*) FROM listings l WHERE {Filter.Replace("$1", "ARRAY(SELECT id FROM categories WHERE id = '" + Category + "' OR parent_id = '" + Category + "')")
                       .Replace("$2", MinPrice).Replace("$3", MaxPrice)})
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return string.Create(CultureInfo.InvariantCulture,
            $"{reader.GetInt64(0):N0} listings ({reader.GetInt64(1):N0} on the market), {reader.GetInt64(2)} sellers, {reader.GetInt64(3):N0} pictures, {reader.GetInt64(4):N0} ratings; {reader.GetInt64(5):N0} match the search");
    }

    private static async Task<Guid[]> CategoryIdsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(CategorySql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.Parse(Category) });
        return (Guid[])(await command.ExecuteScalarAsync())!;
    }

    internal static IEnumerable<NpgsqlParameter> FilterParameters(Guid[] categories, decimal? min, decimal? max)
    {
        yield return new NpgsqlParameter { Value = categories };
        yield return new NpgsqlParameter { Value = (object?)min ?? 0m };
        yield return new NpgsqlParameter { Value = (object?)max ?? decimal.MaxValue };
    }

    internal static IEnumerable<NpgsqlParameter> PageParameters(Guid[] categories, decimal? min, decimal? max, int limit, int offset) =>
        FilterParameters(categories, min, max).Append(new NpgsqlParameter { Value = limit }).Append(new NpgsqlParameter { Value = offset });

    internal static async Task<List<string>> ExplainAsync(string connectionString, string sql, NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql, connection);
        command.Parameters.AddRange(parameters);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    private static string SamePage(string apiBody, string rawBody)
    {
        var api = JsonNode.Parse(apiBody)!;
        var raw = JsonNode.Parse(rawBody)!;
        var sameItems = JsonNode.DeepEquals(api["data"], raw["data"]);
        var sameTotal = JsonNode.DeepEquals(api["pagination"], raw["pagination"]);
        return $"items {(sameItems ? "identical" : "DIFFERENT")}, pagination {(sameTotal ? "identical" : "DIFFERENT")} (total {api["pagination"]?["total"]})";
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
            SELECT (SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'listings'),
                   (SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = 'ix_listings_market_category_price'),
                   (SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = 'ix_listings_market_price'),
                   (SELECT idx_tup_read FROM pg_stat_user_indexes WHERE indexrelname = 'ix_listings_market_category_price'),
                   (SELECT idx_tup_read FROM pg_stat_user_indexes WHERE indexrelname = 'ix_listings_market_price')
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new ScanCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    private sealed record ScanCounts(long Sequential, long CategoryPrice, long Price, long CategoryPriceTuples, long PriceTuples)
    {
        public string Describe(ScanCounts after) => string.Create(CultureInfo.InvariantCulture,
            $"{after.Sequential - Sequential} sequential scans of listings; ix_listings_market_category_price {after.CategoryPrice - CategoryPrice} scans " +
            $"({after.CategoryPriceTuples - CategoryPriceTuples:N0} entries read), ix_listings_market_price {after.Price - Price} scans ({after.PriceTuples - PriceTuples:N0} entries read)");
    }
}

/// <summary>The real Program plus the raw-query baseline endpoint ahead of every middleware, on the API's own data source.</summary>
public sealed class MarketBenchmarkFactory(string connectionString) : RawBaselineFactory<MarketBenchmarkFactory.RawListingsFilter>(connectionString)
{
    public const string RawPath = "/bench/raw-listings";

    public sealed class RawListingsFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            var dataSource = app.ApplicationServices.GetRequiredService<NpgsqlDataSource>();
            var json = app.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            app.Map(RawPath, raw => raw.Run(async context =>
            {
                var q = context.Request.Query;
                var category = Guid.Parse(q["category"].ToString());
                decimal? min = decimal.TryParse(q["min_price"], CultureInfo.InvariantCulture, out var lo) ? lo : null;
                decimal? max = decimal.TryParse(q["max_price"], CultureInfo.InvariantCulture, out var hi) ? hi : null;
                var limit = int.TryParse(q["limit"], out var l) ? l : PageRequest.DefaultLimit;
                var page = int.TryParse(q["page"], out var p) ? p : 1;
                var ct = context.RequestAborted;

                await using var connection = await dataSource.OpenConnectionAsync(ct);
                Guid[] categories;
                await using (var tree = new NpgsqlCommand(MarketBenchmark.CategorySql, connection))
                {
                    tree.Parameters.Add(new NpgsqlParameter { Value = category });
                    if (await tree.ExecuteScalarAsync(ct) is not Guid[] ids)
                    {
                        context.Response.StatusCode = StatusCodes.Status400BadRequest;
                        return;
                    }

                    categories = ids;
                }

                long total;
                await using (var count = new NpgsqlCommand(MarketBenchmark.CountSql, connection))
                {
                    count.Parameters.AddRange(MarketBenchmark.FilterParameters(categories, min, max).ToArray());
                    total = (long)(await count.ExecuteScalarAsync(ct))!;
                }

                var items = new List<ListingDto>(limit);
                await using (var command = new NpgsqlCommand(MarketBenchmark.PageSql, connection))
                {
                    command.Parameters.AddRange(MarketBenchmark.PageParameters(categories, min, max, limit, (page - 1) * limit).ToArray());
                    await using var reader = await command.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                    {
                        items.Add(Read(reader));
                    }
                }

                var result = new PagedResult<ListingDto>(items, page, limit, total);
                context.Response.StatusCode = StatusCodes.Status200OK;
                await context.Response.WriteAsJsonAsync(
                    new PagedApiResponse<ListingDto>(true, result.Items, Pagination.From(result), null, ApiMeta.For(context)), json, ct);
            }));
            next(app);
        };

        private static ListingDto Read(NpgsqlDataReader r)
        {
            var id = r.GetGuid(0);
            double? average = r.IsDBNull(3) ? null : r.GetDouble(3);
            return new ListingDto(
                id,
                new SellerDto(r.GetGuid(1), r.GetString(2), new RatingSummaryDto(average is { } a ? Math.Round(a, 2) : null, r.GetInt32(4))),
                r.GetString(5),
                WireNames.Parse<ListingKind>(r.GetString(6)),
                r.IsDBNull(7) ? null : MarketRules.Format(r.GetDecimal(7)),
                r.IsDBNull(8) ? null : r.GetString(8),
                WireNames.Parse<ListingCondition>(r.GetString(9)),
                new CategoryRefDto(r.GetGuid(10), r.GetString(11), r.GetString(12)),
                r.GetFieldValue<string[]>(13),
                r.IsDBNull(14) ? null : r.GetString(14),
                r.IsDBNull(15) ? null : r.GetGuid(15),
                r.IsDBNull(21) ? null : r.GetGuid(21),
                WireNames.Parse<ListingStatus>(r.GetString(16)),
                r.IsDBNull(17) ? null : ListingImageRules.Url(id, r.GetGuid(17), ListingImageRules.SmallSize),
                r.GetFieldValue<DateTimeOffset>(18),
                r.IsDBNull(19) ? null : r.GetFieldValue<DateTimeOffset>(19),
                r.IsDBNull(20) ? null : r.GetFieldValue<DateTimeOffset>(20));
        }
    }
}
