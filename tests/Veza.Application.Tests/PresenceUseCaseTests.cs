using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Veza.Application.Chat;
using Veza.Application.Chat.Presence;
using Veza.Application.Chat.Queries.ListChatRooms;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

/// <summary>Presence announcements and online counts through MediatR over a substitute presence tracker.</summary>
public class PresenceUseCaseTests : UseCaseTestBase
{
    private static readonly Guid RoomA = Guid.NewGuid();
    private static readonly Guid RoomB = Guid.NewGuid();
    private static readonly Guid Partner = Guid.NewGuid();
    private IPresenceTracker _presence = null!;
    private IRealtimeNotifier _realtime = null!;
    private IChatReadModel _chat = null!;
    private IUserPreferencesRepository _preferences = null!;
    private User _nova = null!;

    protected override ApplicationHarness CreateHarness()
    {
        _nova = User.Register("dj_nova", "nova@example.com", "h", ApplicationHarness.Now);
        _presence = Substitute.For<IPresenceTracker>();
        _realtime = Substitute.For<IRealtimeNotifier>();
        _chat = Substitute.For<IChatReadModel>();
        _chat.RoomIdsOfAsync(_nova.Id, Arg.Any<CancellationToken>()).Returns([RoomA, RoomB]);
        _chat.ConversationPartnersAsync(_nova.Id, Arg.Any<CancellationToken>()).Returns([Partner]);
        _preferences = Substitute.For<IUserPreferencesRepository>();
        var harness = new ApplicationHarness(s => s.AddSingleton(_presence).AddSingleton(_realtime).AddSingleton(_chat).AddSingleton(_preferences));
        harness.Users.Add(_nova);
        harness.SignInAs(_nova, Guid.NewGuid());
        return harness;
    }

    [Test]
    public async Task Coming_online_is_told_to_every_room_of_the_user_and_every_conversation_partner_a_further_connection_is_not()
    {
        _presence.ConnectedAsync(_nova.Id, "c1", Arg.Any<CancellationToken>()).Returns(true);
        _presence.ConnectedAsync(_nova.Id, "c2", Arg.Any<CancellationToken>()).Returns(false);

        await App.SendAsync(new TrackConnectionCommand("c1", Connected: true));
        await App.SendAsync(new TrackConnectionCommand("c2", Connected: true));

        var online = new PresenceEvent(_nova.Id, "online");
        await _realtime.Received(1).NotifyRoomAsync(RoomA, ChatEvents.Presence, online, Arg.Any<CancellationToken>());
        await _realtime.Received(1).NotifyRoomAsync(RoomB, ChatEvents.Presence, online, Arg.Any<CancellationToken>());
        await _realtime.Received(1).NotifyUserAsync(Partner, ChatEvents.Presence, online, Arg.Any<CancellationToken>());
        Assert.That(_realtime.ReceivedCalls().Count(), Is.EqualTo(3));
    }

    [Test]
    public async Task A_user_who_hides_their_online_status_is_never_announced()
    {
        var hidden = UserPreferences.For(_nova.Id, ApplicationHarness.Now);
        hidden.Replace(PreferenceSet.Default with { Privacy = PreferenceSet.Default.Privacy with { ShowOnlineStatus = false } }, ApplicationHarness.Now);
        _preferences.FindAsync(_nova.Id, Arg.Any<CancellationToken>()).Returns(hidden);
        _presence.ConnectedAsync(_nova.Id, "c1", Arg.Any<CancellationToken>()).Returns(true);

        await App.SendAsync(new TrackConnectionCommand("c1", Connected: true));
        await App.SendAsync(new AnnounceExpiredPresenceCommand([_nova.Id]));

        Assert.That(_realtime.ReceivedCalls(), Is.Empty);
    }

    [Test]
    public async Task Users_whose_node_died_are_announced_offline_like_a_disconnect()
    {
        await App.SendAsync(new AnnounceExpiredPresenceCommand([_nova.Id]));

        var offline = new PresenceEvent(_nova.Id, "offline");
        await _realtime.Received(1).NotifyRoomAsync(RoomA, ChatEvents.Presence, offline, Arg.Any<CancellationToken>());
        await _realtime.Received(1).NotifyUserAsync(Partner, ChatEvents.Presence, offline, Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task Each_listed_room_counts_its_members_online_on_any_node()
    {
        var (bob, ana) = (Guid.NewGuid(), Guid.NewGuid());
        var owner = new ChatUserDto(_nova.Id, "dj_nova", null);
        _chat.PublicRoomsByActivityAsync(Arg.Any<CancellationToken>()).Returns([new ChatRoomActivity(RoomA, ApplicationHarness.Now), new ChatRoomActivity(RoomB, ApplicationHarness.Now.AddMinutes(-1))]);
        _chat.PrivateRoomsByActivityAsync(_nova.Id, false, Arg.Any<CancellationToken>()).Returns([]);
        _chat.FindRoomsAsync(Arg.Is<IReadOnlyList<Guid>>(ids => ids.SequenceEqual(new[] { RoomA, RoomB })), _nova.Id, Arg.Any<CancellationToken>()).Returns(
            [new ChatRoomDto(RoomA, "A", null, false, owner, 3, "owner", null, ApplicationHarness.Now), new ChatRoomDto(RoomB, "B", null, false, owner, 1, null, null, ApplicationHarness.Now)]);
        _chat.MemberIdsAsync(Arg.Any<IReadOnlyCollection<Guid>>(), Arg.Any<CancellationToken>())
            .Returns(new Dictionary<Guid, Guid[]> { [RoomA] = [_nova.Id, bob, ana], [RoomB] = [ana] });
        _presence.OnlineAmongAsync(Arg.Any<IReadOnlyCollection<Guid>>(), Arg.Any<CancellationToken>()).Returns(new HashSet<Guid> { _nova.Id, bob });

        var page = await App.SendAsync(new ListChatRoomsQuery(new PageRequest(1, 20)));

        Assert.That(page.Items.Select(r => (r.Id, r.OnlineCount)), Is.EqualTo(new[] { (RoomA, 2L), (RoomB, 0L) }));
    }
}
