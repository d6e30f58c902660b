using MediatR;
using Veza.Application.Tracks.Upload;
using Veza.Domain.Ports;
using Veza.Domain.Tracks;

namespace Veza.Application.Tracks.Queries.GetMyQuota;

public sealed class GetMyQuotaQueryHandler(UploadQuota quota, ITrackRepository tracks, ICurrentUser caller) : IRequestHandler<GetMyQuotaQuery, QuotaDto>
{
    public async Task<QuotaDto> Handle(GetMyQuotaQuery request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        var standing = await quota.StandingOfAsync(userId, cancellationToken);
        var count = await tracks.CountOfAsync(userId, cancellationToken);
        return new QuotaDto(standing.UsedBytes, standing.LimitBytes, standing.Plan, count, standing.RemainingBytes, standing.MaxUploadBytes);
    }
}
