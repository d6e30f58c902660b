using System.Net;

namespace Veza.Api.FunctionalTests;

/// <summary>
/// GET /chat/rooms through the cache, against PostgreSQL: a room created, renamed, made private or deleted is seen at once
/// in every caller's list, and one caller's private rooms never reach another's.
/// </summary>
public class ChatRoomListCacheTests : UserApiTestBase
{
    [Test]
    public async Task Room_changes_are_seen_at_once_and_private_rooms_only_by_their_members_and_admins()
    {
        var nova = await UserAsync("dj_nova");
        var bob = await UserAsync("bass_bob");
        var admin = await AdminAsync();
        var lounge = await CreateAsync(nova, "Lounge");
        var first = await RoomsAsync(bob);

        var openAir = await CreateAsync(nova, "Open air");
        var backstage = await CreateAsync(nova, "Backstage", isPrivate: true);
        var afterCreates = await RoomsAsync(bob);
        await OkAsync(await PutAsync($"/api/v1/chat/rooms/{lounge}", new { name = "Lounge two" }, nova.AccessToken));
        var afterRename = await RoomsAsync(bob);
        await OkAsync(await PutAsync($"/api/v1/chat/rooms/{lounge}", new { is_private = true }, nova.AccessToken));
        var bobsAfterPrivate = await RoomsAsync(bob);
        var novasAfterPrivate = await RoomsAsync(nova);
        var adminsAfterPrivate = await RoomsAsync(admin);
        using (var deleted = await DeleteAsync($"/api/v1/chat/rooms/{openAir}", null, nova.AccessToken))
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        var bobsAfterDelete = await RoomsAsync(bob);
        var novasAfterDelete = await RoomsAsync(nova);

        Assert.Multiple(() =>
        {
            Assert.That(first.Names, Is.EqualTo(new[] { "Lounge" }));
            Assert.That(afterCreates.Names, Is.EquivalentTo(new[] { "Lounge", "Open air" }), "the new public room; never nova's private one");
            Assert.That(afterRename.Names, Is.EquivalentTo(new[] { "Lounge two", "Open air" }));
            Assert.That(bobsAfterPrivate.Names, Is.EqualTo(new[] { "Open air" }));
            Assert.That(bobsAfterPrivate.Total, Is.EqualTo(1));
            Assert.That(novasAfterPrivate.Ids, Is.EquivalentTo(new[] { lounge, openAir, backstage }), "her own private rooms, merged in");
            Assert.That(adminsAfterPrivate.Ids, Is.EquivalentTo(new[] { lounge, openAir, backstage }));
            Assert.That(bobsAfterDelete.Names, Is.Empty);
            Assert.That(bobsAfterDelete.Total, Is.Zero);
            Assert.That(novasAfterDelete.Ids, Is.EquivalentTo(new[] { lounge, backstage }));
            Assert.That(novasAfterDelete.Total, Is.EqualTo(2));
        });
    }

    private async Task<Guid> CreateAsync(Tokens owner, string name, bool isPrivate = false) =>
        await CreatedIdAsync(await PostAsync("/api/v1/chat/rooms", new { name, is_private = isPrivate }, owner.AccessToken));

    private async Task<RoomList> RoomsAsync(Tokens caller)
    {
        var body = await OkAsync(await GetAsync("/api/v1/chat/rooms", caller.AccessToken));
        var rooms = body["data"]!.AsArray();
        return new RoomList(
            [.. rooms.Select(r => r!["id"]!.GetValue<Guid>())], [.. rooms.Select(r => r!["name"]!.GetValue<string>())], body["pagination"]!["total"]!.GetValue<long>());
    }

    private sealed record RoomList(Guid[] Ids, string[] Names, long Total);
}
