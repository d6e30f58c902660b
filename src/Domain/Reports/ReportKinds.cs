namespace Veza.Domain.Reports;

public enum ReportReason
{
    Spam,
    Abuse,
    Copyright,
    Impersonation,
    Other,
}

public enum ReportStatus
{
    Open,
    Resolved,
    Dismissed,
}

/// <summary>What a moderator decides about a report.</summary>
public enum ReportAction
{
    Dismiss,
    HideContent,
    SuspendUser,
}

/// <summary>The wire and storage names (snake_case, as the API writes enums).</summary>
public static class ReportNames
{
    public static readonly IReadOnlyList<string> Reasons = Enum.GetValues<ReportReason>().Select(r => r.ToName()).ToArray();
    public static readonly IReadOnlyList<string> Statuses = Enum.GetValues<ReportStatus>().Select(s => s.ToName()).ToArray();
    public static readonly IReadOnlyList<string> Actions = Enum.GetValues<ReportAction>().Select(a => a.ToName()).ToArray();

    public static string ToName(this ReportReason reason) => reason switch
    {
        ReportReason.Spam => "spam",
        ReportReason.Abuse => "abuse",
        ReportReason.Copyright => "copyright",
        ReportReason.Impersonation => "impersonation",
        ReportReason.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    public static string ToName(this ReportStatus status) => status switch
    {
        ReportStatus.Open => "open",
        ReportStatus.Resolved => "resolved",
        ReportStatus.Dismissed => "dismissed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string ToName(this ReportAction action) => action switch
    {
        ReportAction.Dismiss => "dismiss",
        ReportAction.HideContent => "hide_content",
        ReportAction.SuspendUser => "suspend_user",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static bool TryParseReason(string? name, out ReportReason reason) => TryParse(name, out reason);

    public static bool TryParseStatus(string? name, out ReportStatus status) => TryParse(name, out status);

    public static bool TryParseAction(string? name, out ReportAction action) => TryParse(name, out action);

    private static bool TryParse<TEnum>(string? name, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            var candidateName = candidate switch
            {
                ReportReason r => r.ToName(),
                ReportStatus s => s.ToName(),
                ReportAction a => a.ToName(),
                _ => throw new NotSupportedException(typeof(TEnum).Name),
            };
            if (string.Equals(candidateName, name, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
