using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;

namespace Veza.Application.Admin.Queries.GetAnalytics;

/// <summary>Signups, logins and active users per UTC day over the last <paramref name="Days"/> days, today included, every day present.</summary>
[Authorize(Roles = "admin,super_admin")]
public sealed record GetAnalyticsQuery(int Days = GetAnalyticsQuery.DefaultDays) : IQuery<AnalyticsDto>
{
    public const int DefaultDays = 30;
    public const int MaxDays = 365;
}

public sealed class GetAnalyticsQueryValidator : AbstractValidator<GetAnalyticsQuery>
{
    public GetAnalyticsQueryValidator()
    {
        RuleFor(x => x.Days).InclusiveBetween(1, GetAnalyticsQuery.MaxDays).WithMessage($"days is 1 to {GetAnalyticsQuery.MaxDays}.");
    }
}

public sealed class GetAnalyticsQueryHandler(IAdminReadModel readModel, IClock clock) : IRequestHandler<GetAnalyticsQuery, AnalyticsDto>
{
    public async Task<AnalyticsDto> Handle(GetAnalyticsQuery request, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.UtcNow.UtcDateTime);
        var from = today.AddDays(1 - request.Days);
        var series = await readModel.GetDailyActivityAsync(from, request.Days, cancellationToken);
        return new AnalyticsDto(request.Days, from, today, series);
    }
}
