using Veza.Domain.Common;

namespace Veza.Domain.Chat;

/// <summary>
/// A chat room and its members. Public rooms are open to anyone; private ones to their members and to
/// whoever a member invited. The owner cannot leave (they delete the room); moderators and the owner edit it.
/// </summary>
public sealed class ChatRoom : Entity
{
    private readonly List<ChatMember> _members = [];
    private readonly List<ChatInvitation> _invitations = [];
    private readonly List<ChatBan> _bans = [];

    private ChatRoom()
    {
        Name = NormalizedName = string.Empty;
    }

    public string Name { get; private set; }
    public string NormalizedName { get; private set; }
    public string? Description { get; private set; }
    public bool IsPrivate { get; private set; }
    public Guid OwnerId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyCollection<ChatMember> Members => _members;
    public IReadOnlyCollection<ChatInvitation> Invitations => _invitations;
    public IReadOnlyCollection<ChatBan> Bans => _bans;

    /// <summary>Whether words of the configured list are masked in this room's messages as they are posted.</summary>
    public bool MaskProfanity { get; private set; }

    public static ChatRoom Create(Guid ownerId, string name, string? description, bool isPrivate, DateTimeOffset now, bool maskProfanity = false)
    {
        var room = new ChatRoom
        {
            Id = Guid.CreateVersion7(now),
            Name = ChatRules.CheckName(name),
            NormalizedName = ChatRules.NormalizeName(name),
            Description = ChatRules.CheckDescription(description),
            IsPrivate = isPrivate,
            MaskProfanity = maskProfanity,
            OwnerId = ownerId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        room._members.Add(new ChatMember(room.Id, ownerId, ChatRole.Owner, now));
        if (!isPrivate)
        {
            room.Raise(new PublicChatRoomsChanged(room.Id, now));
        }

        return room;
    }

    public ChatMember? MemberOf(Guid userId) => _members.FirstOrDefault(m => m.UserId == userId);

    /// <summary>Whether the user may read the room: any room that is public, a private one as a member.</summary>
    public bool IsReadableBy(Guid? userId, bool isAdmin) => IsReadable(IsPrivate, isAdmin, isMember: userId is { } id && MemberOf(id) is not null);

    /// <summary>The rule of <see cref="IsReadableBy"/> for a room read as a row (a list, a cached copy).</summary>
    public static bool IsReadable(bool isPrivate, bool isAdmin, bool isMember) => !isPrivate || isAdmin || isMember;

    public bool IsModeratedBy(Guid userId) => MemberOf(userId) is { Role: >= ChatRole.Moderator };

    public JoinOutcome Join(Guid userId, DateTimeOffset now)
    {
        if (MemberOf(userId) is not null)
        {
            return JoinOutcome.AlreadyMember;
        }

        if (_bans.Any(b => b.UserId == userId))
        {
            return JoinOutcome.Banned;
        }

        var invitation = _invitations.FirstOrDefault(i => i.UserId == userId);
        if (IsPrivate && invitation is null)
        {
            return JoinOutcome.InvitationRequired;
        }

        if (invitation is not null)
        {
            _invitations.Remove(invitation);
        }

        _members.Add(new ChatMember(Id, userId, ChatRole.Member, now));
        Raise(new ChatMemberJoined(Id, userId, now));
        return JoinOutcome.Joined;
    }

    public LeaveOutcome Leave(Guid userId, DateTimeOffset now)
    {
        if (MemberOf(userId) is not { } member)
        {
            return LeaveOutcome.NotMember;
        }

        if (member.Role == ChatRole.Owner)
        {
            return LeaveOutcome.OwnerCannotLeave;
        }

        _members.Remove(member);
        Raise(new ChatMemberLeft(Id, userId, now));
        return LeaveOutcome.Left;
    }

    /// <summary>A member invites someone into a private room (in a public room anyone may simply join).</summary>
    public InviteOutcome Invite(Guid byUserId, Guid userId, DateTimeOffset now)
    {
        if (MemberOf(byUserId) is null)
        {
            return InviteOutcome.NotAllowed;
        }

        if (MemberOf(userId) is not null)
        {
            return InviteOutcome.AlreadyMember;
        }

        if (_invitations.All(i => i.UserId != userId))
        {
            _invitations.Add(new ChatInvitation(Id, userId, byUserId, now));
        }

        return InviteOutcome.Invited;
    }

    /// <summary>The owner or a moderator changes the name, description, privacy or profanity masking.</summary>
    public bool Edit(Guid byUserId, string? name, string? description, bool? isPrivate, DateTimeOffset now, bool? maskProfanity = null)
    {
        if (!IsModeratedBy(byUserId))
        {
            return false;
        }

        if (name is not null)
        {
            Name = ChatRules.CheckName(name);
            NormalizedName = ChatRules.NormalizeName(name);
        }

        if (description is not null)
        {
            Description = ChatRules.CheckDescription(description);
        }

        if (isPrivate is { } makePrivate && makePrivate != IsPrivate)
        {
            IsPrivate = makePrivate;
            Raise(new PublicChatRoomsChanged(Id, now));
        }

        MaskProfanity = maskProfanity ?? MaskProfanity;
        UpdatedAt = now;
        return true;
    }

    public bool MayBeDeletedBy(Guid userId, bool isAdmin) => isAdmin || userId == OwnerId;

    /// <summary>Called before the repository removes the room: a public room leaving changes the public list.</summary>
    public void Delete(DateTimeOffset now)
    {
        if (!IsPrivate)
        {
            Raise(new PublicChatRoomsChanged(Id, now));
        }
    }

    /// <summary>Whether a member may post now (a muted member may not until the mute ends).</summary>
    public bool MayPost(Guid userId, DateTimeOffset now) => MemberOf(userId) is { } member && !(member.MutedUntil > now);

    /// <summary>
    /// A moderator acts on a member below their own role (a moderator on members, the owner on anyone):
    /// mute until a time, kick (out, may rejoin), or ban (out, may not rejoin).
    /// </summary>
    public ModerationOutcome Moderate(Guid byUserId, Guid userId, ModerationAction action, DateTimeOffset now, DateTimeOffset? mutedUntil = null)
    {
        if (MemberOf(byUserId) is not { Role: >= ChatRole.Moderator } moderator)
        {
            return ModerationOutcome.NotAllowed;
        }

        var member = MemberOf(userId);
        if (member is null && action != ModerationAction.Ban)
        {
            return ModerationOutcome.NotMember;
        }

        if (member is not null && member.Role >= moderator.Role)
        {
            return ModerationOutcome.NotAllowed;
        }

        switch (action)
        {
            case ModerationAction.Mute:
                member!.MuteUntil(mutedUntil ?? now);
                break;
            case ModerationAction.Kick:
                _members.Remove(member!);
                Raise(new ChatMemberLeft(Id, userId, now));
                break;
            case ModerationAction.Ban:
                if (member is not null)
                {
                    _members.Remove(member);
                    Raise(new ChatMemberLeft(Id, userId, now));
                }

                _invitations.RemoveAll(i => i.UserId == userId);
                if (_bans.All(b => b.UserId != userId))
                {
                    _bans.Add(new ChatBan(Id, userId, byUserId, now));
                }

                break;
        }

        UpdatedAt = now;
        return ModerationOutcome.Done;
    }

    /// <summary>The owner makes a member a moderator, or a moderator a member again.</summary>
    public ModerationOutcome SetRole(Guid byUserId, Guid userId, ChatRole role, DateTimeOffset now)
    {
        if (byUserId != OwnerId || role == ChatRole.Owner || userId == OwnerId)
        {
            return ModerationOutcome.NotAllowed;
        }

        if (MemberOf(userId) is not { } member)
        {
            return ModerationOutcome.NotMember;
        }

        member.ChangeRole(role);
        UpdatedAt = now;
        return ModerationOutcome.Done;
    }

    /// <summary>A member has read the room up to a message of it (the caller checked it belongs here); false for a non-member.</summary>
    public bool MarkRead(Guid userId, Guid messageId)
    {
        if (MemberOf(userId) is not { } member)
        {
            return false;
        }

        member.ReadUpTo(messageId);
        return true;
    }
}

public sealed class ChatMember
{
    private ChatMember()
    {
    }

    public ChatMember(Guid roomId, Guid userId, ChatRole role, DateTimeOffset joinedAt)
    {
        RoomId = roomId;
        UserId = userId;
        Role = role;
        JoinedAt = joinedAt;
    }

    public Guid RoomId { get; private set; }
    public Guid UserId { get; private set; }
    public ChatRole Role { get; private set; }
    public DateTimeOffset JoinedAt { get; private set; }

    /// <summary>The last message the member has read; everything after it is unread.</summary>
    public Guid? LastReadMessageId { get; private set; }

    /// <summary>Until when the member may not post (null: never muted, or the mute was lifted).</summary>
    public DateTimeOffset? MutedUntil { get; private set; }

    internal void ReadUpTo(Guid messageId) => LastReadMessageId = messageId;

    internal void MuteUntil(DateTimeOffset until) => MutedUntil = until;

    internal void ChangeRole(ChatRole role) => Role = role;
}

public sealed class ChatBan
{
    private ChatBan()
    {
    }

    public ChatBan(Guid roomId, Guid userId, Guid bannedBy, DateTimeOffset createdAt)
    {
        RoomId = roomId;
        UserId = userId;
        BannedBy = bannedBy;
        CreatedAt = createdAt;
    }

    public Guid RoomId { get; private set; }
    public Guid UserId { get; private set; }
    public Guid BannedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}

public enum ModerationAction
{
    Mute,
    Kick,
    Ban,
}

public enum ModerationOutcome
{
    Done,
    NotAllowed,
    NotMember,
}

public sealed class ChatInvitation
{
    private ChatInvitation()
    {
    }

    public ChatInvitation(Guid roomId, Guid userId, Guid invitedBy, DateTimeOffset createdAt)
    {
        RoomId = roomId;
        UserId = userId;
        InvitedBy = invitedBy;
        CreatedAt = createdAt;
    }

    public Guid RoomId { get; private set; }
    public Guid UserId { get; private set; }
    public Guid InvitedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}

public enum JoinOutcome
{
    Joined,
    AlreadyMember,
    InvitationRequired,
    Banned,
}

public enum LeaveOutcome
{
    Left,
    NotMember,
    OwnerCannotLeave,
}

public enum InviteOutcome
{
    Invited,
    AlreadyMember,
    NotAllowed,
}

public sealed record ChatMemberJoined(Guid RoomId, Guid UserId, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>The set of public rooms changed: one was created public, turned private or public, or deleted while public.</summary>
public sealed record PublicChatRoomsChanged(Guid RoomId, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record ChatMemberLeft(Guid RoomId, Guid UserId, DateTimeOffset OccurredAt) : IDomainEvent;
