namespace Veza.Domain.Users;

/// <summary>Whether an account may act. Deleted accounts keep their row (others' data points at it) but never act again.</summary>
public enum AccountStatus
{
    Active = 0,
    Suspended = 1,
    Banned = 2,
    Deleted = 3,
}

/// <summary>What a user pays for; quotas and limits per plan come from the runtime settings.</summary>
public enum Plan
{
    Free = 0,
    Pro = 1,
}

/// <summary>The wire and storage names of the account enums (snake_case, as the API writes enums).</summary>
public static class AccountNames
{
    public static string ToName(this AccountStatus status) => status switch
    {
        AccountStatus.Active => "active",
        AccountStatus.Suspended => "suspended",
        AccountStatus.Banned => "banned",
        AccountStatus.Deleted => "deleted",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParseStatus(string? name, out AccountStatus status)
    {
        (var ok, status) = name switch
        {
            "active" => (true, AccountStatus.Active),
            "suspended" => (true, AccountStatus.Suspended),
            "banned" => (true, AccountStatus.Banned),
            "deleted" => (true, AccountStatus.Deleted),
            _ => (false, AccountStatus.Active),
        };
        return ok;
    }

    public static string ToName(this Plan plan) => plan switch
    {
        Plan.Free => "free",
        Plan.Pro => "pro",
        _ => throw new ArgumentOutOfRangeException(nameof(plan), plan, null),
    };

    public static bool TryParsePlan(string? name, out Plan plan)
    {
        (var ok, plan) = name switch
        {
            "free" => (true, Plan.Free),
            "pro" => (true, Plan.Pro),
            _ => (false, Plan.Free),
        };
        return ok;
    }
}
