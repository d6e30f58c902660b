namespace Veza.Application.Categories;

/// <summary>
/// The whole tree built once from its rows (a few hundred at most): the nested nodes with counts rolled up,
/// and a category's path.
/// </summary>
public sealed class CategoryTree
{
    private readonly Dictionary<Guid, CategoryRow> _rows;
    private readonly ILookup<Guid?, CategoryRow> _children;
    private readonly Dictionary<Guid, CategoryNodeDto> _nodes = [];

    public CategoryTree(IReadOnlyList<CategoryRow> rows)
    {
        _rows = rows.ToDictionary(r => r.Id);
        _children = rows.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToLookup(r => r.ParentId);
        Roots = [.. _children[null].Select(Node)];
    }

    /// <summary>The root categories, each with its sub-tree, by name.</summary>
    public IReadOnlyList<CategoryNodeDto> Roots { get; }

    public CategoryDetailDto? Detail(Guid id)
    {
        if (!_rows.TryGetValue(id, out var row) || !_nodes.TryGetValue(id, out var node))
        {
            return null;
        }

        return new CategoryDetailDto(row.Id, row.Name, row.Slug, row.ParentId, node.ListingCount, node.Children, Path(id));
    }

    private List<CategoryRefDto> Path(Guid id)
    {
        var path = new List<CategoryRefDto>();
        for (Guid? at = id; at is { } current && _rows.TryGetValue(current, out var row) && path.Count < _rows.Count; at = row.ParentId)
        {
            path.Insert(0, new CategoryRefDto(row.Id, row.Name, row.Slug));
        }

        return path;
    }

    private CategoryNodeDto Node(CategoryRow row)
    {
        var children = _children[row.Id].Select(Node).ToList();
        var node = new CategoryNodeDto(row.Id, row.Name, row.Slug, row.ParentId, row.DirectListingCount + children.Sum(c => c.ListingCount), children);
        _nodes[row.Id] = node;
        return node;
    }
}
