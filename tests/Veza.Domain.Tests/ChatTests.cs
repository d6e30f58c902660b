using Veza.Domain.Chat;
using Veza.Domain.Common;

namespace Veza.Domain.Tests;

/// <summary>The chat room's membership rules and a message's edit and delete rules.</summary>
public class ChatTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly Guid Bob = Guid.NewGuid();
    private static readonly Guid Carla = Guid.NewGuid();

    [Test]
    public void A_public_room_entering_or_leaving_the_public_list_says_so_and_a_private_one_or_a_rename_does_not()
    {
        var open = ChatRoom.Create(Owner, "Open air", null, isPrivate: false, Now);
        var closed = ChatRoom.Create(Owner, "Backstage", null, isPrivate: true, Now);
        var created = open.TakeDomainEvents().OfType<PublicChatRoomsChanged>().Count();
        var createdPrivate = closed.TakeDomainEvents().OfType<PublicChatRoomsChanged>().Count();

        open.Edit(Owner, "Open air two", null, isPrivate: null, Now);
        open.Edit(Owner, null, null, isPrivate: false, Now);
        var renamed = open.TakeDomainEvents().OfType<PublicChatRoomsChanged>().Count();
        open.Edit(Owner, null, null, isPrivate: true, Now);
        closed.Edit(Owner, null, null, isPrivate: false, Now);
        var turned = open.TakeDomainEvents().Concat(closed.TakeDomainEvents()).OfType<PublicChatRoomsChanged>().Count();
        open.Delete(Now);
        closed.Delete(Now);
        var deletedPrivateThenPublic = (open.TakeDomainEvents().OfType<PublicChatRoomsChanged>().Count(), closed.TakeDomainEvents().OfType<PublicChatRoomsChanged>().Count());

        Assert.Multiple(() =>
        {
            Assert.That((created, createdPrivate), Is.EqualTo((1, 0)));
            Assert.That(renamed, Is.Zero, "a rename or the same privacy again leaves the list as it is");
            Assert.That(turned, Is.EqualTo(2));
            Assert.That(deletedPrivateThenPublic, Is.EqualTo((0, 1)), "open is private by now; closed turned public");
        });
    }

    [Test]
    public void A_public_room_is_joined_once_and_its_owner_cannot_leave()
    {
        var room = ChatRoom.Create(Owner, "  Synthwave lounge ", null, isPrivate: false, Now);

        Assert.Multiple(() =>
        {
            Assert.That((room.Name, room.NormalizedName), Is.EqualTo(("Synthwave lounge", "SYNTHWAVE LOUNGE")));
            Assert.That(room.MemberOf(Owner)!.Role, Is.EqualTo(ChatRole.Owner));
            Assert.That(room.Join(Bob, Now), Is.EqualTo(JoinOutcome.Joined));
            Assert.That(room.Join(Bob, Now), Is.EqualTo(JoinOutcome.AlreadyMember));
            Assert.That(room.DomainEvents.OfType<ChatMemberJoined>().Count(), Is.EqualTo(1));
            Assert.That(room.Leave(Owner, Now), Is.EqualTo(LeaveOutcome.OwnerCannotLeave));
            Assert.That(room.Leave(Bob, Now), Is.EqualTo(LeaveOutcome.Left));
            Assert.That(room.Leave(Bob, Now), Is.EqualTo(LeaveOutcome.NotMember));
        });
    }

    [Test]
    public void A_private_room_needs_an_invitation_from_a_member_and_the_invitation_is_spent_on_joining()
    {
        var room = ChatRoom.Create(Owner, "Studio secrets", null, isPrivate: true, Now);

        Assert.Multiple(() =>
        {
            Assert.That(room.IsReadableBy(Carla, isAdmin: false), Is.False);
            Assert.That(room.IsReadableBy(Carla, isAdmin: true), Is.True);
            Assert.That(room.Join(Carla, Now), Is.EqualTo(JoinOutcome.InvitationRequired));
            Assert.That(room.Invite(Bob, Carla, Now), Is.EqualTo(InviteOutcome.NotAllowed), "only members invite");
            Assert.That(room.Invite(Owner, Carla, Now), Is.EqualTo(InviteOutcome.Invited));
            Assert.That(room.Join(Carla, Now), Is.EqualTo(JoinOutcome.Joined));
            Assert.That(room.Invitations, Is.Empty);
            Assert.That(room.Invite(Owner, Carla, Now), Is.EqualTo(InviteOutcome.AlreadyMember));
            Assert.That(room.IsReadableBy(Carla, isAdmin: false), Is.True);
        });
    }

    [Test]
    public void Only_moderators_edit_a_room_and_only_the_owner_or_an_admin_delete_it()
    {
        var room = ChatRoom.Create(Owner, "Lounge", null, false, Now);
        room.Join(Bob, Now);

        Assert.Multiple(() =>
        {
            Assert.That(room.Edit(Bob, "Bob's room", null, null, Now), Is.False);
            Assert.That(room.Edit(Owner, "Late lounge", "After midnight.", true, Now), Is.True);
            Assert.That((room.Name, room.Description, room.IsPrivate), Is.EqualTo(("Late lounge", "After midnight.", true)));
            Assert.That(room.MayBeDeletedBy(Bob, isAdmin: false), Is.False);
            Assert.That(room.MayBeDeletedBy(Bob, isAdmin: true), Is.True);
        });
    }

    [TestCase("ab")]
    [TestCase("   ")]
    public void A_room_name_is_three_to_fifty_characters(string name) =>
        Assert.Throws<DomainException>(() => ChatRoom.Create(Owner, name, null, false, Now));

    [Test]
    public void A_message_is_edited_by_its_author_keeping_the_old_text_and_deleted_once_by_author_or_moderator()
    {
        var message = ChatMessage.Post(Guid.NewGuid(), Bob, " frist ", "b-1", null, Now);

        Assert.Multiple(() =>
        {
            Assert.That(message.Content, Is.EqualTo("frist"));
            Assert.That(message.Edit(Owner, "hijack", Now), Is.EqualTo(MessageChangeOutcome.NotAllowed));
            Assert.That(message.Edit(Bob, "first", Now.AddMinutes(1)), Is.EqualTo(MessageChangeOutcome.Done));
            Assert.That((message.Content, message.PreviousContent, message.EditedAt), Is.EqualTo(("first", "frist", (DateTimeOffset?)Now.AddMinutes(1))));
            Assert.That(message.Delete(Carla, byModerator: false, Now), Is.EqualTo(MessageChangeOutcome.NotAllowed));
            Assert.That(message.Delete(Owner, byModerator: true, Now), Is.EqualTo(MessageChangeOutcome.Done));
            Assert.That(message.Delete(Bob, byModerator: false, Now), Is.EqualTo(MessageChangeOutcome.Deleted));
            Assert.That(message.Edit(Bob, "again", Now), Is.EqualTo(MessageChangeOutcome.Deleted));
        });
    }

    [TestCase("")]
    [TestCase("   ")]
    public void An_empty_message_is_refused(string content) =>
        Assert.Throws<DomainException>(() => ChatMessage.Post(Guid.NewGuid(), Bob, content, "b-1", null, Now));

    [Test]
    public void A_message_over_four_thousand_characters_is_refused() =>
        Assert.Throws<DomainException>(() => ChatMessage.Post(Guid.NewGuid(), Bob, new string('a', ChatRules.MessageMaxLength + 1), "b-1", null, Now));

    [Test]
    public void Moderation_acts_only_downwards_and_a_ban_outlasts_a_kick()
    {
        var room = ChatRoom.Create(Owner, "Lounge", null, false, Now);
        room.Join(Bob, Now);
        room.Join(Carla, Now);

        Assert.Multiple(() =>
        {
            Assert.That(room.Moderate(Bob, Carla, ModerationAction.Kick, Now), Is.EqualTo(ModerationOutcome.NotAllowed), "a member moderates no one");
            Assert.That(room.SetRole(Owner, Bob, ChatRole.Moderator, Now), Is.EqualTo(ModerationOutcome.Done));
            Assert.That(room.Moderate(Bob, Owner, ModerationAction.Mute, Now, Now.AddHours(1)), Is.EqualTo(ModerationOutcome.NotAllowed), "never upwards");
            Assert.That(room.Moderate(Bob, Carla, ModerationAction.Mute, Now, Now.AddMinutes(30)), Is.EqualTo(ModerationOutcome.Done));
            Assert.That(room.MayPost(Carla, Now.AddMinutes(29)), Is.False);
            Assert.That(room.MayPost(Carla, Now.AddMinutes(30)), Is.True, "the mute ends");
            Assert.That(room.Moderate(Bob, Carla, ModerationAction.Ban, Now), Is.EqualTo(ModerationOutcome.Done));
            Assert.That(room.Join(Carla, Now), Is.EqualTo(JoinOutcome.Banned));
            Assert.That(room.Moderate(Owner, Bob, ModerationAction.Kick, Now), Is.EqualTo(ModerationOutcome.Done));
            Assert.That(room.Join(Bob, Now), Is.EqualTo(JoinOutcome.Joined), "a kick is not a ban");
        });
    }

    [TestCase("🔥", true)]
    [TestCase("👍🏽", true)]
    [TestCase("👩‍🎤", true)]
    [TestCase("🇫🇷", true)]
    [TestCase("❤️", true)]
    [TestCase("🔥🔥", false)]
    [TestCase("a", false)]
    [TestCase("1", false)]
    [TestCase("!", false)]
    [TestCase("©", false)]
    [TestCase(" ", false)]
    [TestCase("", false)]
    public void A_reaction_is_exactly_one_emoji(string emoji, bool accepted)
    {
        Assert.That(ChatRules.IsEmoji(emoji), Is.EqualTo(accepted));
        if (!accepted)
        {
            Assert.Throws<DomainException>(() => ChatReaction.Add(Guid.NewGuid(), Bob, emoji, Now));
        }
    }

    [Test]
    public void Only_moderators_pin_pinning_twice_keeps_the_first_pin_and_deleting_unpins()
    {
        var message = ChatMessage.Post(Guid.NewGuid(), Bob, "rules", "c-1", null, Now);

        var byMember = message.Pin(Bob, byModerator: false, Now);
        var first = message.Pin(Owner, byModerator: true, Now);
        var second = message.Pin(Carla, byModerator: true, Now.AddMinutes(1));
        var pinnedBy = message.PinnedBy;
        message.Delete(Bob, byModerator: false, Now.AddMinutes(2));

        Assert.Multiple(() =>
        {
            Assert.That((byMember, first, second), Is.EqualTo((MessageChangeOutcome.NotAllowed, MessageChangeOutcome.Done, MessageChangeOutcome.Done)));
            Assert.That(pinnedBy, Is.EqualTo(Owner));
            Assert.That(message.IsPinned, Is.False, "a deleted message leaves the pins");
            Assert.That(message.Pin(Owner, byModerator: true, Now), Is.EqualTo(MessageChangeOutcome.Deleted));
            Assert.That(message.Unpin(byModerator: false), Is.EqualTo(MessageChangeOutcome.NotAllowed));
        });
    }

    [Test]
    public void Profanity_masking_is_a_room_setting_its_moderators_change()
    {
        var room = ChatRoom.Create(Owner, "Family", null, false, Now, maskProfanity: true);
        room.Join(Bob, Now);

        var byMember = room.Edit(Bob, null, null, null, Now, maskProfanity: false);
        var byOwner = room.Edit(Owner, null, null, null, Now, maskProfanity: false);

        Assert.That((byMember, byOwner, room.MaskProfanity), Is.EqualTo((false, true, false)));
    }

    [Test]
    public void A_message_id_sorts_after_the_rooms_newest_in_the_same_millisecond_and_when_the_clock_steps_back()
    {
        var newest = Guid.CreateVersion7(Now);
        var ids = new List<Guid> { newest };
        for (var i = 0; i < 50; i++)
        {
            ids.Add(MessageIds.Next(ids[^1], i % 2 == 0 ? Now : Now.AddSeconds(-30)));
        }

        var later = MessageIds.Next(ids[^1], Now.AddSeconds(1));

        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.Ordered.Using<Guid>((a, b) => a.CompareTo(b)).And.Unique);
            // PostgreSQL orders uuids by their bytes in text order: the same order as their strings.
            Assert.That(ids.Select(id => id.ToString()), Is.Ordered.Using<string>(string.CompareOrdinal));
            Assert.That(ids.All(id => id.Version == 7 && (id.Variant & 0b1100) == 0b1000), Is.True, "still UUIDv7");
            Assert.That(later.CompareTo(ids[^1]), Is.Positive);
            Assert.That(MessageIds.Next(null, Now).Version, Is.EqualTo(7));
        });
    }
}
