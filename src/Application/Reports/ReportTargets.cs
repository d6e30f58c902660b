using Veza.Application.Common.Exceptions;
using Veza.Domain.Reports;

namespace Veza.Application.Reports;

/// <summary>Every <see cref="IReportTargetType"/> in the container, by name: the types a report may name.</summary>
public sealed class ReportTargets
{
    private readonly Dictionary<string, IReportTargetType> _byName;

    public ReportTargets(IEnumerable<IReportTargetType> types)
    {
        _byName = new Dictionary<string, IReportTargetType>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            if (!_byName.TryAdd(type.Name, type))
            {
                throw new InvalidOperationException($"Two report target types are named '{type.Name}'.");
            }
        }
    }

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public bool IsKnown(string? name) => name is not null && _byName.ContainsKey(name);

    public IReportTargetType Get(string name) =>
        _byName.TryGetValue(name, out var type) ? type : throw new NotFoundException($"Unknown report target type '{name}'.");
}
