using System.Net;
using System.Text;

namespace Veza.Api.FunctionalTests;

public class UserProfileTests : UserApiTestBase
{
    [Test]
    public async Task Update_profile_changes_only_the_fields_present_and_audits_which()
    {
        var nova = await UserAsync("dj_nova");
        using (var first = await PutAsync("/api/v1/users/me", new { first_name = "Nova", bio = "Line one\nLine two", location = "Lisbon" }, nova.AccessToken))
        {
            await OkAsync(first);
        }

        using var second = await PutAsync("/api/v1/users/me", new { display_name = "DJ Nova", location = "", links = new[] { "https://soundcloud.com/dj-nova" } }, nova.AccessToken);

        var data = (await OkAsync(second))["data"]!;
        Assert.Multiple(() =>
        {
            Assert.That(data["first_name"]!.GetValue<string>(), Is.EqualTo("Nova"));
            Assert.That(data["bio"]!.GetValue<string>(), Is.EqualTo("Line one\nLine two"));
            Assert.That(data["display_name"]!.GetValue<string>(), Is.EqualTo("DJ Nova"));
            Assert.That(data["location"], Is.Null, "an empty string clears the field");
            Assert.That(data["links"]!.AsArray().Select(l => l!.GetValue<string>()), Is.EqualTo(new[] { "https://soundcloud.com/dj-nova" }));
            Assert.That(data["email"]!.GetValue<string>(), Is.EqualTo("dj_nova@example.com"));
        });
        Assert.That(await Database.ScalarAsync<string>("SELECT display_name FROM users WHERE id = @id", ("id", nova.UserId)), Is.EqualTo("DJ Nova"));
        Assert.That(await Database.ScalarAsync<string>("SELECT detail FROM audit_events WHERE action = 'users.profile_update' ORDER BY occurred_at DESC LIMIT 1"),
            Is.EqualTo("fields: display_name, location, links"));
        Assert.That(await Database.ScalarAsync<string>("SELECT target FROM audit_events WHERE action = 'users.profile_update' LIMIT 1"), Is.EqualTo($"user:{nova.UserId}"));
    }

    [TestCase("role", "\"admin\"")]
    [TestCase("email", "\"evil@example.com\"")]
    [TestCase("status", "\"active\"")]
    [TestCase("plan", "\"pro\"")]
    [TestCase("id", "\"0193a5b2-7c1e-7d3a-9f10-2b3c4d5e6f70\"")]
    [TestCase("username", "\"someone_else\"")]
    [TestCase("followers_count", "1000000")]
    [TestCase("password_hash", "\"x\"")]
    [TestCase("Role", "\"super_admin\"")]
    public async Task Update_profile_with_a_field_the_user_may_not_set_is_refused_whole_and_changes_nothing(string field, string json)
    {
        var nova = await UserAsync("dj_nova");
        var before = await Database.ScalarAsync<string>("SELECT row_to_json(u)::text FROM (SELECT username, email, role, status, plan, bio, display_name, updated_at FROM users) u");

        using var response = await SendRawAsync(HttpMethod.Put, "/api/v1/users/me", $"{{\"bio\":\"mine now\",\"display_name\":\"Nova\",\"{field}\":{json}}}", nova.AccessToken);

        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(Fields(body), Is.EqualTo(new[] { field }));
        Assert.That(await Database.ScalarAsync<string>("SELECT row_to_json(u)::text FROM (SELECT username, email, role, status, plan, bio, display_name, updated_at FROM users) u"),
            Is.EqualTo(before));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'users.profile_update'"), Is.Zero);
    }

    [Test]
    public async Task Update_profile_names_every_forbidden_field_and_refuses_a_body_that_is_not_an_object()
    {
        var nova = await UserAsync("dj_nova");

        using var several = await SendRawAsync(HttpMethod.Put, "/api/v1/users/me", "{\"role\":\"admin\",\"bio\":\"x\",\"plan\":\"pro\"}", nova.AccessToken);
        Assert.That(Fields(await AssertErrorAsync(several, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EquivalentTo(new[] { "role", "plan" }));

        using var array = await SendRawAsync(HttpMethod.Put, "/api/v1/users/me", "[1,2]", nova.AccessToken);
        await AssertErrorAsync(array, HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        using var wrongType = await SendRawAsync(HttpMethod.Put, "/api/v1/users/me", "{\"bio\":42}", nova.AccessToken);
        Assert.That(Fields(await AssertErrorAsync(wrongType, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "bio" }));
    }

    [TestCase(new[] { "https://a.example", "https://b.example", "https://c.example", "https://d.example", "https://e.example", "https://f.example" }, "links")]
    [TestCase(new[] { "ftp://files.example/x" }, "links[0]")]
    [TestCase(new[] { "https://ok.example", "javascript:alert(1)" }, "links[1]")]
    [TestCase(new[] { "soundcloud.com/dj-nova" }, "links[0]")]
    public async Task Update_profile_refuses_bad_links(string[] links, string field)
    {
        var nova = await UserAsync("dj_nova");

        using var response = await PutAsync("/api/v1/users/me", new { links }, nova.AccessToken);

        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(Fields(body), Is.EqualTo(new[] { field }));
        Assert.That(await Database.ScalarAsync<int>("SELECT cardinality(links) FROM users"), Is.Zero);
    }

    [Test]
    public async Task Update_profile_refuses_overlong_text_and_control_characters_outside_the_bio()
    {
        var nova = await UserAsync("dj_nova");

        using var bio = await PutAsync("/api/v1/users/me", new { bio = new string('b', 501) }, nova.AccessToken);
        Assert.That(Fields(await AssertErrorAsync(bio, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "bio" }));
        using var name = await PutAsync("/api/v1/users/me", new { display_name = "two\nlines" }, nova.AccessToken);
        Assert.That(Fields(await AssertErrorAsync(name, HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "display_name" }));
        using var fits = await PutAsync("/api/v1/users/me", new { bio = new string('b', 500) }, nova.AccessToken);
        await OkAsync(fits);
    }

    [Test]
    public async Task Profile_shows_email_to_the_owner_and_admins_only()
    {
        var nova = await UserAsync("dj_nova");
        var other = await UserAsync("other_one");
        var admin = await AdminAsync();
        using (var update = await PutAsync("/api/v1/users/me", new { bio = "Deep house" }, nova.AccessToken))
        {
            await OkAsync(update);
        }

        var own = (await OkAsync(await GetAsync($"/api/v1/users/{nova.UserId}", nova.AccessToken)))["data"]!;
        var seenByOther = (await OkAsync(await GetAsync($"/api/v1/users/{nova.UserId}", other.AccessToken)))["data"]!;
        var seenByAdmin = (await OkAsync(await GetAsync($"/api/v1/users/{nova.UserId}", admin.AccessToken)))["data"]!;

        Assert.Multiple(() =>
        {
            Assert.That(own["email"]!.GetValue<string>(), Is.EqualTo("dj_nova@example.com"));
            Assert.That(seenByAdmin["email"]!.GetValue<string>(), Is.EqualTo("dj_nova@example.com"));
            Assert.That(seenByOther["email"], Is.Null);
            Assert.That(seenByOther["bio"]!.GetValue<string>(), Is.EqualTo("Deep house"));
            Assert.That(seenByOther["followers_count"]!.GetValue<long>(), Is.Zero);
            Assert.That(seenByOther["restricted"]!.GetValue<bool>(), Is.False);
            Assert.That(seenByOther["avatar_url"], Is.Null);
            Assert.That(seenByOther["created_at"], Is.Not.Null);
        });
    }

    [Test]
    public async Task A_private_profile_shows_others_only_id_username_display_name_and_avatar()
    {
        var nova = await UserAsync("dj_nova");
        var other = await UserAsync("other_one");
        var admin = await AdminAsync();
        await OkAsync(await PutAsync("/api/v1/users/me", new { display_name = "Nova", bio = "secret bio", location = "Lisbon" }, nova.AccessToken));
        await OkAsync(await PutAsync("/api/v1/users/me/preferences", new { privacy = new { profile = "private" } }, nova.AccessToken));
        var avatarVersion = Guid.CreateVersion7();
        await Database.ScalarAsync<int>("INSERT INTO user_avatars (user_id, version, updated_at) VALUES (@id, @v, now()) RETURNING 1", ("id", nova.UserId), ("v", avatarVersion));

        var seen = (await OkAsync(await GetAsync($"/api/v1/users/{nova.UserId}", other.AccessToken)))["data"]!;
        var own = (await OkAsync(await GetAsync($"/api/v1/users/{nova.UserId}", nova.AccessToken)))["data"]!;
        var byAdmin = (await OkAsync(await GetAsync($"/api/v1/users/{nova.UserId}", admin.AccessToken)))["data"]!;

        Assert.Multiple(() =>
        {
            Assert.That(seen["id"]!.GetValue<string>(), Is.EqualTo(nova.UserId.ToString()));
            Assert.That(seen["username"]!.GetValue<string>(), Is.EqualTo("dj_nova"));
            Assert.That(seen["display_name"]!.GetValue<string>(), Is.EqualTo("Nova"));
            Assert.That(seen["avatar_url"]!.GetValue<string>(), Is.EqualTo($"/api/v1/users/{nova.UserId}/avatar?size=512&v={avatarVersion:N}"));
            Assert.That(seen["restricted"]!.GetValue<bool>(), Is.True);
            Assert.That(seen["is_private"]!.GetValue<bool>(), Is.True);
            foreach (var hidden in new[] { "bio", "location", "first_name", "last_name", "links", "email", "created_at", "followers_count", "following_count" })
            {
                Assert.That(seen[hidden], Is.Null, hidden);
            }

            Assert.That(own["bio"]!.GetValue<string>(), Is.EqualTo("secret bio"));
            Assert.That(byAdmin["bio"]!.GetValue<string>(), Is.EqualTo("secret bio"));
        });
    }

    [Test]
    public async Task Profile_of_an_unknown_user_is_404_and_anonymous_callers_get_401()
    {
        var nova = await UserAsync("dj_nova");

        await AssertErrorAsync(await GetAsync($"/api/v1/users/{Guid.NewGuid()}", nova.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        foreach (var path in new[] { $"/api/v1/users/{nova.UserId}", "/api/v1/users", "/api/v1/users/search?q=nova", "/api/v1/users/except-me", "/api/v1/users/me/stats", "/api/v1/users/me/preferences" })
        {
            await AssertErrorAsync(await GetAsync(path), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }

        await AssertErrorAsync(await PutAsync("/api/v1/users/me", new { bio = "x" }), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Test]
    public async Task Directory_pages_with_the_pagination_object_and_searches_username_and_display_name()
    {
        var nova = await UserAsync("dj_nova");
        await UserAsync("bass_bob");
        var carla = await UserAsync("carla");
        await OkAsync(await PutAsync("/api/v1/users/me", new { display_name = "Bassline Carla" }, carla.AccessToken));

        var first = await OkAsync(await GetAsync("/api/v1/users?limit=2", nova.AccessToken));
        var second = await OkAsync(await GetAsync("/api/v1/users?page=2&limit=2", nova.AccessToken));
        var search = await OkAsync(await GetAsync("/api/v1/users?search=BASS", nova.AccessToken));

        Assert.Multiple(() =>
        {
            Assert.That(Usernames(first), Is.EqualTo(new[] { "bass_bob", "carla" }));
            Assert.That(Usernames(second), Is.EqualTo(new[] { "dj_nova" }));
            var pagination = first["pagination"]!;
            Assert.That(pagination["page"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(pagination["limit"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(pagination["total"]!.GetValue<long>(), Is.EqualTo(3));
            Assert.That(pagination["total_pages"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(pagination["has_next"]!.GetValue<bool>(), Is.True);
            Assert.That(pagination["has_prev"]!.GetValue<bool>(), Is.False);
            Assert.That(second["pagination"]!["has_prev"]!.GetValue<bool>(), Is.True);
            Assert.That(Usernames(search), Is.EqualTo(new[] { "bass_bob", "carla" }));
            Assert.That(search["data"]![0]!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "id", "username", "display_name", "avatar_url" }));
        });
    }

    [TestCase("page=0", "page")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=101", "limit")]
    public async Task Directory_refuses_a_bad_page_or_limit(string query, string field)
    {
        var nova = await UserAsync("dj_nova");

        var body = await AssertErrorAsync(await GetAsync($"/api/v1/users?{query}", nova.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(Fields(body), Is.EqualTo(new[] { field }));
    }

    [Test]
    public async Task Only_admins_find_users_by_email()
    {
        var nova = await UserAsync("dj_nova");
        await RegisterAsync("carla", "hidden.mailbox@example.com");
        var admin = await AdminAsync();

        Assert.That(Usernames(await OkAsync(await GetAsync("/api/v1/users?search=hidden.mailbox", nova.AccessToken))), Is.Empty);
        Assert.That(Usernames(await OkAsync(await GetAsync("/api/v1/users?search=hidden.mailbox", admin.AccessToken))), Is.EqualTo(new[] { "carla" }));
    }

    [Test]
    public async Task Except_me_lists_everyone_but_the_caller_and_no_deleted_account()
    {
        var nova = await UserAsync("dj_nova");
        await UserAsync("bass_bob");
        var gone = await UserAsync("gone_user");
        await OkAsync(await DeleteAsync("/api/v1/users/me", new { password = Password }, gone.AccessToken));

        var body = await OkAsync(await GetAsync("/api/v1/users/except-me", nova.AccessToken));

        Assert.That(Usernames(body), Is.EqualTo(new[] { "bass_bob" }));
        Assert.That(body["pagination"]!["total"]!.GetValue<long>(), Is.EqualTo(1));
    }

    [Test]
    public async Task Search_ranks_exact_then_prefix_then_contains_over_username_and_display_name()
    {
        var caller = await UserAsync("zed");
        await UserAsync("dj_nova");
        await UserAsync("nova_x");
        await UserAsync("nova");
        await UserAsync("supernova");
        await UserAsync("unrelated");
        var carla = await UserAsync("carla");
        await OkAsync(await PutAsync("/api/v1/users/me", new { display_name = "Nova" }, carla.AccessToken));
        var prefixByName = await UserAsync("zz_top");
        await OkAsync(await PutAsync("/api/v1/users/me", new { display_name = "Novalis" }, prefixByName.AccessToken));

        var ranked = Usernames(await OkAsync(await GetAsync("/api/v1/users/search?q=NOVA", caller.AccessToken)));
        var limited = Usernames(await OkAsync(await GetAsync("/api/v1/users/search?q=nova&limit=2", caller.AccessToken)));
        var shortTerm = Usernames(await OkAsync(await GetAsync("/api/v1/users/search?q=no", caller.AccessToken)));

        Assert.Multiple(() =>
        {
            Assert.That(ranked, Is.EqualTo(new[] { "carla", "nova", "nova_x", "zz_top", "dj_nova", "supernova" }));
            Assert.That(limited, Is.EqualTo(new[] { "carla", "nova" }));
            Assert.That(shortTerm, Is.EqualTo(new[] { "carla", "nova", "nova_x", "zz_top" }), "under 3 characters only prefixes match");
        });
    }

    [Test]
    public async Task Search_takes_like_wildcards_literally_and_validates_q_and_limit()
    {
        var caller = await UserAsync("zed");
        await UserAsync("a_b_c");
        await UserAsync("axbxc");

        Assert.That(Usernames(await OkAsync(await GetAsync("/api/v1/users/search?q=a_b", caller.AccessToken))), Is.EqualTo(new[] { "a_b_c" }));
        Assert.That(Usernames(await OkAsync(await GetAsync("/api/v1/users/search?q=%25", caller.AccessToken))), Is.Empty);
        Assert.That(Fields(await AssertErrorAsync(await GetAsync("/api/v1/users/search?q=", caller.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "q" }));
        Assert.That(Fields(await AssertErrorAsync(await GetAsync("/api/v1/users/search?q=ab&limit=51", caller.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR")), Is.EqualTo(new[] { "limit" }));
    }

    [Test]
    public async Task Stats_count_followers_and_following_only()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        var carla = await UserAsync("carla");
        await OkAsync(await PostAsync($"/api/v1/users/{nova.UserId}/follow", new { }, bob.AccessToken));
        await OkAsync(await PostAsync($"/api/v1/users/{nova.UserId}/follow", new { }, carla.AccessToken));
        await OkAsync(await PostAsync($"/api/v1/users/{bob.UserId}/follow", new { }, nova.AccessToken));

        var data = (await OkAsync(await GetAsync("/api/v1/users/me/stats", nova.AccessToken)))["data"]!;

        Assert.That(data.AsObject().Select(p => (p.Key, p.Value!.GetValue<long>())), Is.EquivalentTo(new[] { ("followers", 2L), ("following", 1L), ("tracks", 0L), ("plays_received", 0L), ("likes_received", 0L) }));
    }

    protected async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string json, string accessToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", accessToken);
        return await Client.SendAsync(request);
    }

    [Test]
    public async Task Profiles_and_user_lists_give_the_avatar_url_the_avatar_endpoint_answers()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        await OkAsync(await PostAsync($"/api/v1/users/{nova.UserId}/follow", new { }, bob.AccessToken));
        var avatarVersion = Guid.CreateVersion7();
        await Database.ScalarAsync<int>("INSERT INTO user_avatars (user_id, version, updated_at) VALUES (@id, @v, now()) RETURNING 1", ("id", nova.UserId), ("v", avatarVersion));
        var expected = $"/api/v1/users/{nova.UserId}/avatar?size=512&v={avatarVersion:N}";

        var profile = (await OkAsync(await GetAsync($"/api/v1/users/{nova.UserId}", bob.AccessToken)))["data"]!;
        var listed = (await OkAsync(await GetAsync("/api/v1/users?search=nova", bob.AccessToken)))["data"]![0]!;
        var following = (await OkAsync(await GetAsync($"/api/v1/users/{bob.UserId}/following", bob.AccessToken)))["data"]![0]!;

        Assert.Multiple(() =>
        {
            Assert.That(profile["avatar_url"]!.GetValue<string>(), Is.EqualTo(expected));
            Assert.That(listed["avatar_url"]!.GetValue<string>(), Is.EqualTo(expected));
            Assert.That(following["avatar_url"]!.GetValue<string>(), Is.EqualTo(expected));
        });
    }
}
