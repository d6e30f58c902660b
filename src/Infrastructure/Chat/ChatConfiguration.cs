using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Veza.Domain.Chat;
using Veza.Domain.Users;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Chat;

/// <summary>A room with its members and invitations (the aggregate loads them all), and room messages.</summary>
internal sealed class ChatConfiguration
    : IEntityTypeConfiguration<ChatRoom>, IEntityTypeConfiguration<ChatMember>, IEntityTypeConfiguration<ChatInvitation>, IEntityTypeConfiguration<ChatMessage>,
        IEntityTypeConfiguration<DirectMessage>, IEntityTypeConfiguration<ChatBan>, IEntityTypeConfiguration<ChatReaction>
{
    public void Configure(EntityTypeBuilder<ChatRoom> builder)
    {
        builder.ToTable("chat_rooms");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.OwnerId);
        builder.HasIndex(r => r.NormalizedName).IsUniqueConflictOn("ux_chat_rooms_name", "name", "A room with this name exists.");
        builder.HasMany(r => r.Members).WithOne().HasForeignKey(m => m.RoomId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Members).HasField("_members").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(r => r.Invitations).WithOne().HasForeignKey(i => i.RoomId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Invitations).HasField("_invitations").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(r => r.Bans).WithOne().HasForeignKey(b => b.RoomId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Bans).HasField("_bans").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(r => r.DomainEvents);
        // Joins, leaves and invitations race on the members: every change touches the row, the later save runs again.
        builder.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
    }

    public void Configure(EntityTypeBuilder<ChatMember> builder)
    {
        builder.ToTable("chat_members");
        builder.HasKey(m => new { m.RoomId, m.UserId });
        builder.Property(m => m.Role).HasConversion(r => r.ToName(), s => ParseRole(s)).HasMaxLength(10);
    }

    public void Configure(EntityTypeBuilder<ChatInvitation> builder)
    {
        builder.ToTable("chat_invitations");
        builder.HasKey(i => new { i.RoomId, i.UserId });
    }

    public void Configure(EntityTypeBuilder<ChatMessage> builder)
    {
        builder.ToTable("chat_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasOne<ChatRoom>().WithMany().HasForeignKey(m => m.RoomId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.RoomId, m.AuthorId, m.ClientMessageId })
            .IsUniqueConflictOn("ux_chat_messages_client_id", "client_message_id", "This message was already sent.");
        builder.Ignore(m => m.IsDeleted);
        builder.Ignore(m => m.IsPinned);
        builder.Ignore(m => m.DomainEvents);
    }

    public void Configure(EntityTypeBuilder<ChatReaction> builder)
    {
        builder.ToTable("chat_reactions");
        builder.HasKey(r => new { r.MessageId, r.UserId, r.Emoji });
    }

    public void Configure(EntityTypeBuilder<ChatBan> builder)
    {
        builder.ToTable("chat_bans");
        builder.HasKey(b => new { b.RoomId, b.UserId });
    }

    public void Configure(EntityTypeBuilder<DirectMessage> builder)
    {
        builder.ToTable("chat_direct_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasIndex(m => new { m.SenderId, m.ClientMessageId })
            .IsUniqueConflictOn("ux_chat_direct_messages_client_id", "client_message_id", "This message was already sent.");
        builder.Ignore(m => m.DomainEvents);
    }

    private static ChatRole ParseRole(string name) =>
        ChatRoleNames.TryParse(name, out var role) ? role : throw new StoredDataException($"chat_members.role holds an unknown value ({name.Length} characters).");
}
