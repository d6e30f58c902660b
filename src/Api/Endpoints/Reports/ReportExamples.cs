using Veza.Api.OpenApi;
using Veza.Application.Reports;
using Veza.Application.Reports.Commands.FileReport;
using Veza.Domain.Reports;

namespace Veza.Api.Endpoints.Reports;

public sealed class ReportExamples : IOpenApiExamples
{
    public static readonly Guid ReportId = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-5e5e5e5e5e5e");
    public static readonly Guid ReportedUserId = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-0a0b0c0d0e0f");

    public void AddTo(ExampleTable examples) => examples
        .Add(new FileReportCommand("user", ReportedUserId, "impersonation", "This account copies my name and avatar.\nSee its first posts."))
        .Add(new ResolveReportBody("suspend_user", "Confirmed impersonation.", ExampleValues.Now.AddDays(7)))
        .Add(new ReportDto(ReportId, ExampleValues.UserId, "user", ReportedUserId, ReportReason.Impersonation, "This account copies my name and avatar.", ReportStatus.Open,
            ExampleValues.Now, null, null, null, null));
}
