namespace Veza.Domain.Reports;

public interface IReportRepository
{
    Task<Report?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Whether this reporter already has an open report on this target (a unique index decides a race).</summary>
    Task<bool> HasOpenReportAsync(Guid reporterId, string targetType, Guid targetId, CancellationToken cancellationToken);

    void Add(Report report);
}
