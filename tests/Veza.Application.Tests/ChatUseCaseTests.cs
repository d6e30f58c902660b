using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Veza.Application.Chat;
using Veza.Application.Chat.Commands.SendChatMessage;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.ReadModels;
using Veza.Application.Notifications;
using Veza.Domain.Chat;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

/// <summary>Chat's rules through MediatR over substitute ports: broadcast only after the commit, retries, limits and mentions.</summary>
public class ChatUseCaseTests : UseCaseTestBase
{
    private readonly List<ChatMessage> _messages = [];
    private ChatRoom _room = null!;
    private IRealtimeNotifier _realtime = null!;
    private IChatMessageRepository _messagesRepository = null!;
    private INotificationStore _notifications = null!;
    private IUserPreferencesRepository _preferences = null!;
    private User _bob = null!;
    private User _nova = null!;

    protected override ApplicationHarness CreateHarness()
    {
        _messages.Clear();
        _nova = User.Register("dj_nova", "nova@example.com", "h", ApplicationHarness.Now);
        _bob = User.Register("bass_bob", "bob@example.com", "h", ApplicationHarness.Now);
        _room = ChatRoom.Create(_nova.Id, "Lounge", null, false, ApplicationHarness.Now);
        var rooms = Substitute.For<IChatRoomRepository>();
        rooms.GetAsync(_room.Id, Arg.Any<CancellationToken>()).Returns(_room);
        rooms.GetForMemberAsync(_room.Id, Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(_room);
        var messages = _messagesRepository = Substitute.For<IChatMessageRepository>();
        messages.When(m => m.Add(Arg.Any<ChatMessage>())).Do(c => _messages.Add(c.Arg<ChatMessage>()));
        messages.FindByClientIdAsync(Arg.Any<Guid>(), Arg.Any<Guid>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(c => _messages.FirstOrDefault(m => m.RoomId == c.ArgAt<Guid>(0) && m.AuthorId == c.ArgAt<Guid>(1) && m.ClientMessageId == c.ArgAt<string>(2)));
        var readModel = Substitute.For<IChatReadModel>();
        readModel.FindMessageAsync(Arg.Any<Guid>(), Arg.Any<ChatViewer>(), Arg.Any<CancellationToken>()).Returns(c => _messages.Where(m => m.Id == c.Arg<Guid>())
            .Select(m => new ChatMessageDto(m.Id, m.RoomId, new ChatUserDto(m.AuthorId, m.AuthorId == _nova.Id ? "dj_nova" : "bass_bob", null), m.Content, m.ClientMessageId, m.ReplyToId, m.CreatedAt, null, false))
            .FirstOrDefault());
        readModel.FindChatUserAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>())
            .Returns(c => new ChatUserDto(c.Arg<Guid>(), c.Arg<Guid>() == _nova.Id ? "dj_nova" : "bass_bob", null));
        _realtime = Substitute.For<IRealtimeNotifier>();
        _notifications = Substitute.For<INotificationStore>();
        _notifications.AddAsync(Arg.Any<Guid>(), Arg.Any<string>(), Arg.Any<JsonNode>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(c => new NotificationDto(Guid.NewGuid(), c.ArgAt<string>(1), c.ArgAt<JsonNode>(2), c.ArgAt<DateTimeOffset>(3), null));
        _preferences = Substitute.For<IUserPreferencesRepository>();
        var harness = new ApplicationHarness(services => services.AddSingleton(rooms).AddSingleton(messages).AddSingleton(readModel).AddSingleton(_realtime)
            .AddSingleton(_notifications).AddSingleton(_preferences).AddSingleton(Substitute.For<ITrackCatalog>()));
        harness.Users.Add(_nova);
        harness.Users.Add(_bob);
        return harness;
    }

    [Test]
    public async Task A_message_is_broadcast_after_its_commit_and_a_retry_answers_the_first_without_a_second_broadcast()
    {
        App.SignInAs(_nova, Guid.NewGuid());

        var first = await App.SendAsync(new SendChatMessageCommand(_room.Id, "hello", "n-1"));
        var retry = await App.SendAsync(new SendChatMessageCommand(_room.Id, "hello", "n-1"));

        Assert.Multiple(async () =>
        {
            Assert.That(retry.Id, Is.EqualTo(first.Id));
            Assert.That(_messages, Has.Count.EqualTo(1));
            await _realtime.Received(1).NotifyRoomAsync(_room.Id, ChatEvents.Message, Arg.Is<ChatMessageDto>(m => m.Id == first.Id), Arg.Any<CancellationToken>());
        });
    }

    [Test]
    public async Task A_post_takes_its_rooms_turn_and_gets_an_id_after_the_rooms_newest_even_with_the_clock_behind()
    {
        App.SignInAs(_nova, Guid.NewGuid());
        var newest = Guid.CreateVersion7(ApplicationHarness.Now.AddMinutes(5));
        _messagesRepository.HoldRoomTailAsync(_room.Id, Arg.Any<CancellationToken>()).Returns(newest);

        var sent = await App.SendAsync(new SendChatMessageCommand(_room.Id, "hello", "n-1"));

        Assert.That(sent.Id.CompareTo(newest), Is.Positive);
        await App.KeyedLocks.Received(1).AcquireAsync($"chat-room:{_room.Id:N}", Arg.Any<CancellationToken>());
    }

    [Test]
    public void A_message_whose_commit_fails_is_never_broadcast()
    {
        App.SignInAs(_nova, Guid.NewGuid());
        App.Transaction.CommitAsync(Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidOperationException("database gone"));

        Assert.ThrowsAsync<InvalidOperationException>(() => App.SendAsync(new SendChatMessageCommand(_room.Id, "hello", "n-1")));
        _realtime.DidNotReceiveWithAnyArgs().NotifyRoomAsync(default, default!, default!, default);
    }

    [Test]
    public void Only_members_post_and_the_sending_limit_refuses_with_its_retry_time()
    {
        App.SignInAs(_bob, Guid.NewGuid());
        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new SendChatMessageCommand(_room.Id, "hi", "b-1")));

        _room.Join(_bob.Id, ApplicationHarness.Now);
        App.RateLimiter.AcquireAsync(Arg.Any<string>(), Arg.Any<RateLimitRule>(), Arg.Any<CancellationToken>()).Returns(new RateLimitDecision(false, 0, TimeSpan.FromSeconds(3)));
        var limited = Assert.ThrowsAsync<RateLimitedException>(() => App.SendAsync(new SendChatMessageCommand(_room.Id, "hi", "b-2")));
        Assert.That(limited!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public async Task A_mention_is_stored_and_pushed_unless_the_user_turned_mentions_off()
    {
        App.SignInAs(_nova, Guid.NewGuid());
        await App.SendAsync(new SendChatMessageCommand(_room.Id, "@bass_bob hi", "n-1"));
        var off = UserPreferences.For(_bob.Id, ApplicationHarness.Now);
        off.Replace(PreferenceSet.Default with
        {
            Notifications = PreferenceSet.Default.Notifications.ToDictionary(p => p.Key, p => p.Key == NotificationKinds.Mentions ? new NotificationChannels(false, false) : p.Value),
        }, ApplicationHarness.Now);
        _preferences.FindAsync(_bob.Id, Arg.Any<CancellationToken>()).Returns(off);
        await App.SendAsync(new SendChatMessageCommand(_room.Id, "@bass_bob again", "n-2"));

        await _notifications.Received(1).AddAsync(_bob.Id, ChatMentions.Kind, Arg.Any<JsonNode>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>());
        await _realtime.Received(1).NotifyUserAsync(_bob.Id, StoredUserNotifier.EventName, Arg.Any<NotificationDto>(), Arg.Any<CancellationToken>());
    }
}
