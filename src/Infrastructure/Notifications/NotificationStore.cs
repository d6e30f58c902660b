using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Veza.Application.Common.Models;
using Veza.Application.Notifications;
using Veza.Infrastructure.Persistence;

namespace Veza.Infrastructure.Notifications;

/// <summary>Notifications in PostgreSQL: each write one statement (inside the caller's transaction when there is one), reads projected.</summary>
internal sealed class NotificationStore(VezaDbContext db) : INotificationStore
{
    private IQueryable<NotificationRow> Rows => db.Set<NotificationRow>().AsNoTracking();

    public async Task<NotificationDto> AddAsync(Guid userId, string kind, JsonNode payload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7(now);
        var json = payload.ToJsonString();
        await db.Database.ExecuteSqlAsync($"INSERT INTO notifications (id, user_id, kind, payload, created_at) VALUES ({id}, {userId}, {kind}, {json}::jsonb, {now})", cancellationToken);
        return new NotificationDto(id, kind, payload, now, null);
    }

    public async Task<PagedResult<NotificationDto>> ListAsync(Guid userId, bool unreadOnly, PageRequest paging, CancellationToken cancellationToken)
    {
        var rows = Rows.Where(n => n.UserId == userId && (!unreadOnly || n.ReadAt == null));
        var total = await rows.LongCountAsync(cancellationToken);
        var page = await rows.OrderByDescending(n => n.Id).Skip(paging.Offset).Take(paging.Limit).ToListAsync(cancellationToken);
        return new PagedResult<NotificationDto>([.. page.Select(n => new NotificationDto(n.Id, n.Kind, JsonNode.Parse(n.Payload)!, n.CreatedAt, n.ReadAt))], paging.Page, paging.Limit, total);
    }

    public Task<long> UnreadCountAsync(Guid userId, CancellationToken cancellationToken) =>
        Rows.LongCountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);

    public async Task<bool> MarkReadAsync(Guid userId, Guid notificationId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"UPDATE notifications SET read_at = COALESCE(read_at, {now}) WHERE id = {notificationId} AND user_id = {userId}", cancellationToken) > 0;

    public Task<int> MarkAllReadAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"UPDATE notifications SET read_at = {now} WHERE user_id = {userId} AND read_at IS NULL", cancellationToken);

    public Task<int> PruneReadAsync(DateTimeOffset readBefore, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"DELETE FROM notifications WHERE read_at < {readBefore}", cancellationToken);
}

internal sealed class NotificationRow
{
    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string Kind { get; private set; } = string.Empty;
    public string Payload { get; private set; } = "{}";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }
}

internal sealed class NotificationRowConfiguration : IEntityTypeConfiguration<NotificationRow>
{
    public void Configure(EntityTypeBuilder<NotificationRow> builder)
    {
        builder.ToTable("notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Payload).HasColumnType("jsonb");
    }
}
