using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Veza.Application.Common.Exceptions;

namespace Veza.Infrastructure.Persistence;

/// <summary>
/// Each entity configuration names its unique indexes (as the SQL migrations create them) and the
/// request field a violation is about, so a race lost to a unique index answers 409 with that field
/// without the unit of work knowing any constraint name.
/// </summary>
public static class UniqueIndexConflicts
{
    private const string FieldAnnotation = "Veza:ConflictField";
    private const string MessageAnnotation = "Veza:ConflictMessage";

    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, (string Field, string Message)>> ByContext = new();

    public static IndexBuilder<TEntity> IsUniqueConflictOn<TEntity>(this IndexBuilder<TEntity> index, string databaseName, string field, string message) =>
        index.IsUnique().HasDatabaseName(databaseName).HasAnnotation(FieldAnnotation, field).HasAnnotation(MessageAnnotation, message);

    public static ConflictException Describe(DbContext db, string? constraintName)
    {
        // Index names and custom annotations live in the design-time model, not the runtime one.
        var conflicts = ByContext.GetOrAdd(db.GetType(), _ => db.GetService<IDesignTimeModel>().Model.GetEntityTypes()
            .SelectMany(e => e.GetIndexes())
            .Where(i => i.FindAnnotation(FieldAnnotation) is not null && i.GetDatabaseName() is not null)
            .ToDictionary(i => i.GetDatabaseName()!, i => ((string)i[FieldAnnotation]!, (string)i[MessageAnnotation]!), StringComparer.Ordinal));
        return constraintName is not null && conflicts.TryGetValue(constraintName, out var conflict)
            ? new ConflictException(conflict.Message, conflict.Field)
            : new ConflictException("The resource already exists.");
    }
}
