using Veza.Domain.Common;
using Veza.Domain.Reports;

namespace Veza.Domain.Tests;

public class ReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Reporter = Guid.NewGuid();
    private static readonly Guid Target = Guid.NewGuid();
    private static readonly Guid Moderator = Guid.NewGuid();

    private static Report Filed() => Report.File(Reporter, "user", Target, Target, ReportReason.Spam, "  spam links\n  ", Now);

    [Test]
    public void Filing_opens_the_report_and_raises_ReportFiled()
    {
        var report = Filed();

        Assert.Multiple(() =>
        {
            Assert.That(report.Status, Is.EqualTo(ReportStatus.Open));
            Assert.That(report.IsOpen, Is.True);
            Assert.That(report.Details, Is.EqualTo("spam links"));
            Assert.That(report.Resolution, Is.Null);
            Assert.That(report.DomainEvents.Single(), Is.EqualTo(new ReportFiled(report.Id, "user", Target, "spam", Now)));
        });
    }

    [Test]
    public void Nobody_reports_themselves_or_their_own_content()
    {
        Assert.Throws<DomainException>(() => Report.File(Reporter, "user", Reporter, Reporter, ReportReason.Abuse, null, Now));
        Assert.Throws<DomainException>(() => Report.File(Reporter, "track", Guid.NewGuid(), Reporter, ReportReason.Copyright, null, Now));
    }

    [Test]
    public void Details_are_bounded()
    {
        Assert.Throws<DomainException>(() => Report.File(Reporter, "user", Target, Target, ReportReason.Other, new string('x', Report.DetailsMaxLength + 1), Now));
        Assert.That(Report.File(Reporter, "user", Target, Target, ReportReason.Other, "   ", Now).Details, Is.Null);
    }

    [TestCase(ReportAction.Dismiss, ReportStatus.Dismissed)]
    [TestCase(ReportAction.HideContent, ReportStatus.Resolved)]
    [TestCase(ReportAction.SuspendUser, ReportStatus.Resolved)]
    public void Resolving_closes_the_report_with_the_decision(ReportAction action, ReportStatus status)
    {
        var report = Filed();
        report.TakeDomainEvents();

        var outcome = report.Resolve(action, Moderator, " confirmed ", Now.AddHours(1));

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(ResolveOutcome.Resolved));
            Assert.That(report.Status, Is.EqualTo(status));
            Assert.That(report.Resolution, Is.EqualTo(action));
            Assert.That(report.ResolutionNote, Is.EqualTo("confirmed"));
            Assert.That(report.ResolvedBy, Is.EqualTo(Moderator));
            Assert.That(report.ResolvedAt, Is.EqualTo(Now.AddHours(1)));
            Assert.That(report.DomainEvents.Single(), Is.EqualTo(new ReportResolved(report.Id, "user", Target, action.ToName(), Moderator, Now.AddHours(1))));
        });
    }

    [Test]
    public void A_closed_report_is_never_resolved_twice()
    {
        var report = Filed();
        report.Resolve(ReportAction.Dismiss, Moderator, "fine", Now);
        report.TakeDomainEvents();

        var outcome = report.Resolve(ReportAction.SuspendUser, Guid.NewGuid(), "changed my mind", Now.AddDays(1));

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(ResolveOutcome.AlreadyResolved));
            Assert.That(report.Status, Is.EqualTo(ReportStatus.Dismissed));
            Assert.That(report.Resolution, Is.EqualTo(ReportAction.Dismiss));
            Assert.That(report.ResolvedBy, Is.EqualTo(Moderator));
            Assert.That(report.ResolutionNote, Is.EqualTo("fine"));
            Assert.That(report.DomainEvents, Is.Empty);
        });
    }

    [Test]
    public void Names_round_trip()
    {
        Assert.Multiple(() =>
        {
            foreach (var reason in Enum.GetValues<ReportReason>())
            {
                Assert.That(ReportNames.TryParseReason(reason.ToName(), out var parsed) && parsed == reason, Is.True, reason.ToString());
            }

            foreach (var action in Enum.GetValues<ReportAction>())
            {
                Assert.That(ReportNames.TryParseAction(action.ToName(), out var parsed) && parsed == action, Is.True, action.ToString());
            }

            Assert.That(ReportNames.TryParseStatus("Open", out _), Is.False, "names are exact");
            Assert.That(ReportNames.Actions, Is.EqualTo(new[] { "dismiss", "hide_content", "suspend_user" }));
        });
    }
}
