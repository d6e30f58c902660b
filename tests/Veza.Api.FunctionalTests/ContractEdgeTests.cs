using System.Net;

namespace Veza.Api.FunctionalTests;

/// <summary>Contract edges found in review: page bounds, enums by name only, strict admin bodies.</summary>
public class ContractEdgeTests : AdminApiTestBase
{
    [TestCase("/api/v1/users?page=2147483647")]
    [TestCase("/api/v1/users?page=0")]
    [TestCase("/api/v1/admin/users?page=1000001")]
    public async Task A_page_out_of_bounds_is_a_400_on_page_not_a_500(string path)
    {
        var admin = await UserWithRoleAsync("boss", "admin");

        using var response = await GetAsync(path, admin.AccessToken);

        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["error"]!["details"]![0]!["field"]!.GetValue<string>(), Is.EqualTo("page"));
    }

    [Test]
    public async Task An_enum_sent_as_a_number_is_refused()
    {
        var me = await RegisterAsync();

        using var response = await PutAsync("/api/v1/users/me/preferences", new { privacy = new { profile = 1 } }, me.AccessToken);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        using var stored = await GetAsync("/api/v1/users/me/preferences", me.AccessToken);
        Assert.That((await BodyAsync(stored))["data"]!["privacy"]!["profile"]!.GetValue<string>(), Is.EqualTo("public"));
    }

    [Test]
    public async Task An_admin_update_with_a_field_it_cannot_set_is_refused_whole()
    {
        var admin = await UserWithRoleAsync("boss", "admin");
        var target = await RegisterAsync();

        using var response = await PutAsync($"/api/v1/admin/users/{target.UserId}", new { plan = "pro", email = "evil@example.com" }, admin.AccessToken);

        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body.ToJsonString(), Does.Contain("email"));
        Assert.That(await Database.ScalarAsync<string>("SELECT plan FROM users WHERE id = @id", ("id", target.UserId)), Is.EqualTo("free"));
        Assert.That(await Database.ScalarAsync<string>("SELECT email FROM users WHERE id = @id", ("id", target.UserId)), Is.EqualTo("nova@example.com"));
    }
}
