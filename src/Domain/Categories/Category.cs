using System.Text.RegularExpressions;
using Veza.Domain.Common;

namespace Veza.Domain.Categories;

/// <summary>
/// A node of the one category tree the marketplace and the gear catalog share. A category names its parent
/// (none for a root); a move never puts a category under itself or one of its descendants, so the tree has no cycle.
/// Slugs are unique across the whole tree (the database holds that), so a URL can name a category by slug alone.
/// </summary>
public sealed partial class Category : Entity
{
    public const int NameMaxLength = 60;
    public const int SlugMaxLength = 60;

    private Category()
    {
        Name = Slug = string.Empty;
    }

    public Guid? ParentId { get; private set; }
    public string Name { get; private set; }
    public string Slug { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Category Create(Guid id, string name, string slug, Guid? parentId, DateTimeOffset now) => new()
    {
        Id = id,
        Name = CheckName(name),
        Slug = CheckSlug(slug),
        ParentId = parentId,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>Changes the name and, when given, the slug.</summary>
    public void Rename(string? name, string? slug, DateTimeOffset now)
    {
        if (name is not null)
        {
            Name = CheckName(name);
        }

        if (slug is not null)
        {
            Slug = CheckSlug(slug);
        }

        UpdatedAt = now;
    }

    /// <summary>Puts the category under <paramref name="parentId"/> (null: a root).</summary>
    /// <param name="parentAncestry">The new parent and every ancestor of it, as stored now.</param>
    public MoveCategoryOutcome MoveTo(Guid? parentId, IReadOnlyCollection<Guid> parentAncestry, DateTimeOffset now)
    {
        if (parentId == Id || parentAncestry.Contains(Id))
        {
            return MoveCategoryOutcome.IntoItsOwnSubtree;
        }

        ParentId = parentId;
        UpdatedAt = now;
        return MoveCategoryOutcome.Moved;
    }

    public static bool IsSlug(string slug) => slug.Length <= SlugMaxLength && SlugPattern().IsMatch(slug);

    private static string CheckName(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0 || trimmed.Length > NameMaxLength)
        {
            throw new DomainException($"A category name is 1 to {NameMaxLength} characters.");
        }

        return trimmed;
    }

    private static string CheckSlug(string slug) =>
        IsSlug(slug) ? slug : throw new DomainException($"A category slug is lowercase letters, digits and single hyphens, at most {SlugMaxLength} characters.");

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}

public enum MoveCategoryOutcome
{
    Moved,

    /// <summary>The new parent is the category itself or one of its descendants (422).</summary>
    IntoItsOwnSubtree,
}
