using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Veza.Application.Chat;
using Veza.Application.Chat.Commands.CreateChatRoom;
using Veza.Application.Chat.Commands.DeleteChatRoom;
using Veza.Application.Chat.Commands.UpdateChatRoom;
using Veza.Application.Chat.Queries.ListChatRooms;
using Veza.Application.Common.Caching;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Chat;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

/// <summary>
/// GET /chat/rooms through <see cref="ICache"/>: only the public rooms' order is cached; the caller's private rooms are
/// merged in per request, the page is read for the caller, and a room that turned private is shown only to its members.
/// </summary>
public class ChatRoomListCacheUseCaseTests : UseCaseTestBase
{
    private static readonly Guid Nova = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-000000000001");
    private static readonly Guid Bob = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-000000000002");
    private static readonly Guid Lounge = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-0000000000a1");
    private static readonly Guid Studio = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-0000000000a2");
    private static readonly Guid Closed = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-0000000000a3");

    private IChatReadModel _chat = null!;
    private IChatRoomRepository _rooms = null!;

    protected override ApplicationHarness CreateHarness()
    {
        _chat = Substitute.For<IChatReadModel>();
        _rooms = Substitute.For<IChatRoomRepository>();
        // A room the handler adds is dispatched like a loaded one: its events reach the unit of work.
        _rooms.When(r => r.Add(Arg.Any<ChatRoom>())).Do(c => App.Track(c.Arg<ChatRoom>()));
        _chat.MemberIdsAsync(Arg.Any<IReadOnlyCollection<Guid>>(), Arg.Any<CancellationToken>())
            .Returns(c => c.Arg<IReadOnlyCollection<Guid>>().ToDictionary(id => id, _ => Array.Empty<Guid>()));
        _chat.FindRoomsAsync(Arg.Any<IReadOnlyList<Guid>>(), Arg.Any<Guid>(), Arg.Any<CancellationToken>())
            .Returns(c => c.Arg<IReadOnlyList<Guid>>().Select(id => Room(id, isPrivate: id == Closed, myRole: id == Closed && c.Arg<Guid>() == Nova ? "owner" : null)).ToList());
        return new(services => services.AddSingleton(_chat).AddSingleton(_rooms).AddSingleton(Substitute.For<IPresenceTracker>()));
    }

    [Test]
    public async Task A_miss_caches_the_public_order_and_the_callers_private_rooms_are_merged_in_by_activity()
    {
        var now = ApplicationHarness.Now;
        _chat.PublicRoomsByActivityAsync(Arg.Any<CancellationToken>()).Returns([new ChatRoomActivity(Lounge, now), new ChatRoomActivity(Studio, now.AddHours(-2))]);
        _chat.PrivateRoomsByActivityAsync(Nova, false, Arg.Any<CancellationToken>()).Returns([new ChatRoomActivity(Closed, now.AddHours(-1))]);
        SignIn(Nova);

        var page = await App.SendAsync(new ListChatRoomsQuery(new PageRequest(1, 2)));

        Assert.Multiple(() =>
        {
            Assert.That(page.Items.Select(r => r.Id), Is.EqualTo(new[] { Lounge, Closed }));
            Assert.That(page.Total, Is.EqualTo(3));
        });
        await App.Cache.Received(1).SetAsync(
            CacheKeys.PublicChatRooms, Arg.Is<PublicChatRooms>(p => p.Rooms.Select(r => r.Id).SequenceEqual(new[] { Lounge, Studio })), TimeSpan.FromSeconds(30), Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task A_hit_skips_the_public_scan_and_never_carries_one_callers_private_rooms_to_another()
    {
        var now = ApplicationHarness.Now;
        App.Cache.GetAsync<PublicChatRooms>(CacheKeys.PublicChatRooms, Arg.Any<CancellationToken>())
            .Returns(new PublicChatRooms([new ChatRoomActivity(Lounge, now), new ChatRoomActivity(Studio, now.AddHours(-2))]));
        _chat.PrivateRoomsByActivityAsync(Nova, false, Arg.Any<CancellationToken>()).Returns([new ChatRoomActivity(Closed, now.AddHours(-1))]);
        _chat.PrivateRoomsByActivityAsync(Bob, false, Arg.Any<CancellationToken>()).Returns([]);

        SignIn(Nova);
        var novas = await App.SendAsync(new ListChatRoomsQuery(new PageRequest()));
        SignIn(Bob);
        var bobs = await App.SendAsync(new ListChatRoomsQuery(new PageRequest()));

        Assert.Multiple(() =>
        {
            Assert.That(novas.Items.Select(r => r.Id), Is.EqualTo(new[] { Lounge, Closed, Studio }));
            Assert.That(bobs.Items.Select(r => r.Id), Is.EqualTo(new[] { Lounge, Studio }));
            Assert.That(bobs.Total, Is.EqualTo(2));
        });
        await _chat.DidNotReceiveWithAnyArgs().PublicRoomsByActivityAsync(default);
        await App.Cache.DidNotReceiveWithAnyArgs().SetAsync<PublicChatRooms>(default!, default!, default, default);
    }

    [Test]
    public async Task A_room_cached_as_public_that_turned_private_is_shown_only_to_its_members_and_admins()
    {
        App.Cache.GetAsync<PublicChatRooms>(CacheKeys.PublicChatRooms, Arg.Any<CancellationToken>())
            .Returns(new PublicChatRooms([new ChatRoomActivity(Closed, ApplicationHarness.Now), new ChatRoomActivity(Lounge, ApplicationHarness.Now)]));

        SignIn(Bob);
        var bobs = await App.SendAsync(new ListChatRoomsQuery(new PageRequest()));
        SignIn(Bob, Role.Admin);
        var admins = await App.SendAsync(new ListChatRoomsQuery(new PageRequest()));
        SignIn(Nova);
        var novas = await App.SendAsync(new ListChatRoomsQuery(new PageRequest()));

        Assert.Multiple(() =>
        {
            Assert.That(bobs.Items.Select(r => r.Id), Is.EqualTo(new[] { Lounge }));
            Assert.That(admins.Items.Select(r => r.Id), Is.EqualTo(new[] { Closed, Lounge }));
            Assert.That(novas.Items.Select(r => r.Id), Is.EqualTo(new[] { Closed, Lounge }), "its owner");
        });
    }

    [Test]
    public async Task Creating_a_public_room_changing_a_rooms_privacy_and_deleting_one_invalidate_the_list_a_rename_does_not()
    {
        var room = ChatRoom.Create(Nova, "Lounge", null, isPrivate: false, ApplicationHarness.Now);
        room.TakeDomainEvents();
        _rooms.GetAsync(room.Id, Arg.Any<CancellationToken>()).Returns(room);
        App.Track(room);
        SignIn(Nova);

        await App.SendAsync(new CreateChatRoomCommand("Open air", null, IsPrivate: false));
        await App.SendAsync(new CreateChatRoomCommand("Backstage", null, IsPrivate: true));
        await App.SendAsync(new UpdateChatRoomCommand(room.Id, Name: "Lounge two"));
        await App.SendAsync(new UpdateChatRoomCommand(room.Id, IsPrivate: true));
        await App.SendAsync(new UpdateChatRoomCommand(room.Id, IsPrivate: false));
        await App.SendAsync(new DeleteChatRoomCommand(room.Id));

        Assert.That(App.OutboxEvents.OfType<CacheInvalidated>().Select(e => e.Keys.Single()), Is.EqualTo(Enumerable.Repeat(CacheKeys.PublicChatRooms, 4)));
        await App.Cache.Received(4).RemoveAsync(Arg.Is<IReadOnlyCollection<string>>(k => k.SequenceEqual(new[] { CacheKeys.PublicChatRooms })), Arg.Any<CancellationToken>());
    }

    private static ChatRoomDto Room(Guid id, bool isPrivate, string? myRole) =>
        new(id, $"Room {id:N}", null, isPrivate, new ChatUserDto(Nova, "dj_nova", null), 1, myRole, null, ApplicationHarness.Now);

    private void SignIn(Guid userId, Role role = Role.User) => App.SignIn(userId, role);
}
