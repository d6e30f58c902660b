using Veza.Api.OpenApi;
using Veza.Application.Admin;
using Veza.Application.Admin.Commands.UpdateSettings;
using Veza.Domain.Users;

namespace Veza.Api.Endpoints.Admin;

public sealed class AdminExamples : IOpenApiExamples
{
    private static readonly AdminUserDto User = new(
        ExampleValues.UserId, "dj_nova", "nova@example.com", "DJ Nova", Role.User, AccountStatus.Suspended, "Spam in comments", ExampleValues.Now.AddDays(7),
        Plan.Free, ExampleValues.Now.AddMonths(-3), ExampleValues.Now.AddHours(-2));

    private static readonly AuditEventDto Audit = new(
        Guid.Parse("0193a5b2-7c1e-7d3a-9f10-a0d17a0d17a0"), Guid.Parse("0193a5b2-7c1e-7d3a-9f10-00000000ad01"), "admin.user_status_change", "success",
        $"user:{ExampleValues.UserId}", "active -> suspended until 2026-11-28T12:00:00Z: Spam in comments", "203.0.113.7", ExampleValues.Now);

    public void AddTo(ExampleTable examples) => examples
        .Add(new DashboardDto(12_840, 37, 2_311, 5, 48_112, 1_932_735_283_200, 14, 1_284_220, 9_312, new Application.Marketplace.MarketplaceStatsDto(1_204, 86, 3_417)))
        .Add(User)
        .Add(new AdminUserDetailDto(User, 0, [Audit]))
        .Add(Audit)
        .Add(new UpdateUserBody(Status: "suspended", Reason: "Spam in comments", Until: ExampleValues.Now.AddDays(7)))
        .Add(new AnalyticsDto(2, new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 21), [
            new AnalyticsDayDto(new DateOnly(2026, 11, 20), 41, 1_204, 873),
            new AnalyticsDayDto(new DateOnly(2026, 11, 21), 37, 1_150, 862),
        ]))
        .Add(new RuntimeSettingsDto(true, new UploadQuotaBytesDto(1L << 30, 50L << 30), 200L << 20, false, false, false, ExampleValues.Now, Guid.Parse("0193a5b2-7c1e-7d3a-9f10-00000000ad01")))
        .Add(new UpdateSettingsCommand(MaintenanceMode: true));
}
