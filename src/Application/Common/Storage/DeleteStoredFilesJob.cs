using Veza.Domain.Common;

namespace Veza.Application.Common.Storage;

/// <summary>
/// Deletes stored files once the change that made them obsolete has committed (a replaced avatar,
/// later a deleted track). Enqueued in that change's transaction, so files are never removed for a
/// change that rolled back.
/// </summary>
public sealed record DeleteStoredFilesJob(IReadOnlyList<string> Keys) : IJob
{
    public string Kind => "storage.delete_files";
}
