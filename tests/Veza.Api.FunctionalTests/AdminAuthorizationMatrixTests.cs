using System.Net;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// Function- and object-level authorization of the report and administration routes: each route is
/// called as anonymous, a plain user, the owner (the user the route is about), a moderator, an admin and
/// a super admin, and each answer is compared with the table.
/// </summary>
public sealed class AdminAuthorizationMatrixTests : AdminApiTestBase
{
    private enum Caller
    {
        Anonymous,
        User,
        Owner,
        Moderator,
        Admin,
        SuperAdmin,
    }

    /// <summary>Expected statuses in the order of <see cref="Caller"/>.</summary>
    private sealed record Row(string Name, HttpMethod Method, Func<Context, Task<string>> Path, Func<Context, object?> Body, params int[] Expected);

    /// <param name="NewTagAsync">A tag in use, fresh each time, and "matrix-target" (in use again) to merge into.</param>
    private sealed record Context(Guid OwnerId, Func<Task<Guid>> NewReportAsync, Func<Task<Guid>> NewCategoryAsync, Func<string> NextSlug, Func<Task<Guid>> NewProductAsync, Func<Task<string>> NewTagAsync);

    private static readonly Row[] Rows =
    [
        new("file report", HttpMethod.Post, _ => Task.FromResult("/api/v1/reports"), c => new { target_type = "user", target_id = c.OwnerId, reason = "spam" },
            401, 201, 422, 201, 201, 201),
        new("list reports", HttpMethod.Get, _ => Task.FromResult("/api/v1/admin/reports"), _ => null, 401, 403, 403, 200, 200, 200),
        new("get report", HttpMethod.Get, async c => $"/api/v1/admin/reports/{await c.NewReportAsync()}", _ => null, 401, 403, 403, 200, 200, 200),
        new("resolve report", HttpMethod.Post, async c => $"/api/v1/admin/reports/{await c.NewReportAsync()}/resolve", _ => new { action = "dismiss" },
            401, 403, 403, 200, 200, 200),
        new("dashboard", HttpMethod.Get, _ => Task.FromResult("/api/v1/admin/dashboard"), _ => null, 401, 403, 403, 200, 200, 200),
        new("list users", HttpMethod.Get, _ => Task.FromResult("/api/v1/admin/users"), _ => null, 401, 403, 403, 200, 200, 200),
        new("get user", HttpMethod.Get, c => Task.FromResult($"/api/v1/admin/users/{c.OwnerId}"), _ => null, 401, 403, 403, 200, 200, 200),
        new("update user plan", HttpMethod.Put, c => Task.FromResult($"/api/v1/admin/users/{c.OwnerId}"), _ => new { plan = "pro" }, 401, 403, 403, 403, 200, 200),
        new("audit", HttpMethod.Get, _ => Task.FromResult("/api/v1/admin/audit"), _ => null, 401, 403, 403, 200, 200, 200),
        new("analytics", HttpMethod.Get, _ => Task.FromResult("/api/v1/admin/analytics?days=7"), _ => null, 401, 403, 403, 403, 200, 200),
        new("get settings", HttpMethod.Get, _ => Task.FromResult("/api/v1/admin/settings"), _ => null, 401, 403, 403, 403, 200, 200),
        new("update settings", HttpMethod.Put, _ => Task.FromResult("/api/v1/admin/settings"), _ => new { registration_open = true }, 401, 403, 403, 403, 200, 200),
        new("create category", HttpMethod.Post, _ => Task.FromResult("/api/v1/admin/categories"), c => new { name = "Matrix", slug = c.NextSlug() }, 401, 403, 403, 403, 201, 201),
        new("rename category", HttpMethod.Put, async c => $"/api/v1/admin/categories/{await c.NewCategoryAsync()}", c => new { name = "Renamed" }, 401, 403, 403, 403, 200, 200),
        new("move category", HttpMethod.Post, async c => $"/api/v1/admin/categories/{await c.NewCategoryAsync()}/move", _ => new { parent_id = (Guid?)null }, 401, 403, 403, 403, 200, 200),
        new("search analytics", HttpMethod.Get, _ => Task.FromResult("/api/v1/admin/search/analytics?days=7"), _ => null, 401, 403, 403, 403, 200, 200),
        new("list admin products", HttpMethod.Get, _ => Task.FromResult("/api/v1/admin/products"), _ => null, 401, 403, 403, 403, 200, 200),
        new("create product", HttpMethod.Post, _ => Task.FromResult("/api/v1/admin/products"), _ => new { name = "Matrix synth", category_id = Guid.Parse("0193a000-0000-7000-8000-000000000103"), brand = "Matrix" },
            401, 403, 403, 403, 201, 201),
        new("update product", HttpMethod.Put, async c => $"/api/v1/admin/products/{await c.NewProductAsync()}", _ => new { model = "MK2" }, 401, 403, 403, 403, 200, 200),
        new("delete product", HttpMethod.Delete, async c => $"/api/v1/admin/products/{await c.NewProductAsync()}", _ => null, 401, 403, 403, 403, 204, 204),
        new("delete category", HttpMethod.Delete, async c => $"/api/v1/admin/categories/{await c.NewCategoryAsync()}", _ => null, 401, 403, 403, 403, 204, 204),
        new("rename tag", HttpMethod.Put, async c => $"/api/v1/admin/tags/{await c.NewTagAsync()}", c => new { name = c.NextSlug() }, 401, 403, 403, 200, 200, 200),
        new("merge tag", HttpMethod.Post, async c => $"/api/v1/admin/tags/{await c.NewTagAsync()}/merge", _ => new { into = "matrix-target" }, 401, 403, 403, 200, 200, 200),
        new("delete tag", HttpMethod.Delete, async c => $"/api/v1/admin/tags/{await c.NewTagAsync()}", _ => null, 401, 403, 403, 204, 204, 204),
    ];

    [Test]
    public async Task Every_route_answers_each_caller_as_the_table_says()
    {
        var tokens = new Dictionary<Caller, string?>
        {
            [Caller.Anonymous] = null,
            [Caller.User] = (await UserWithRoleAsync("plain_user")).AccessToken,
            [Caller.Moderator] = (await UserWithRoleAsync("the_moderator", "moderator")).AccessToken,
            [Caller.Admin] = (await UserWithRoleAsync("the_admin", "admin")).AccessToken,
            [Caller.SuperAdmin] = (await UserWithRoleAsync("the_super", "super_admin")).AccessToken,
        };
        var owner = await UserWithRoleAsync("the_owner");
        tokens[Caller.Owner] = owner.AccessToken;
        var reporter = await UserWithRoleAsync("the_reporter");
        var reportedUsers = 0;
        var slugs = 0;
        var tags = 0;
        var context = new Context(owner.UserId, async () =>
        {
            // A fresh report on a fresh user each time: resolving one closes it for the next caller.
            var reported = await RegisterAsync($"reported_{++reportedUsers}", $"reported_{reportedUsers}@example.com");
            return await FileReportAsync(reporter, reported.UserId);
        }, async () => await Database.ScalarAsync<Guid>(
            "INSERT INTO categories (id, name, slug, created_at, updated_at) VALUES (gen_random_uuid(), 'Matrix', @slug, now(), now()) RETURNING id", ("slug", $"fixture-{++slugs}")),
            () => $"matrix-{++slugs}",
            async () => await Database.ScalarAsync<Guid>(
                "INSERT INTO products (id, name, category_id, brand, status, created_at, updated_at) VALUES (gen_random_uuid(), 'Matrix', @category, 'Matrix', 'active', now(), now()) RETURNING id",
                ("category", Guid.Parse("0193a000-0000-7000-8000-000000000103"))),
            async () => (await Database.ScalarAsync<string>(
                """
                WITH target AS (INSERT INTO tags (name, track_count, listing_count, created_at) VALUES ('matrix-target', 1, 0, now())
                                ON CONFLICT (name) DO UPDATE SET track_count = 1)
                INSERT INTO tags (name, track_count, listing_count, created_at) VALUES (@name, 1, 0, now()) RETURNING name
                """, ("name", $"matrix-tag-{++tags}")))!);

        var mismatches = new List<string>();
        foreach (var row in Rows)
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                var path = await row.Path(context);
                using var response = await SendAsync(row.Method, path, row.Body(context), tokens[caller]);
                var expected = row.Expected[(int)caller];
                if ((int)response.StatusCode != expected)
                {
                    mismatches.Add($"{row.Name} as {caller}: expected {expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.That(mismatches, Is.Empty);
    }
}
