using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Users;

namespace Veza.Application.Tracks.Queries.GetMyQuota;

/// <summary>The caller's storage: bytes used by all their tracks (originals and everything derived), their plan's limit, what is left.</summary>
[Authorize]
public sealed record GetMyQuotaQuery : IQuery<QuotaDto>;

/// <param name="MaxUploadBytes">The largest single file accepted now (a runtime setting).</param>
public sealed record QuotaDto(long UsedBytes, long LimitBytes, Plan Plan, int TrackCount, long RemainingBytes, long MaxUploadBytes);
