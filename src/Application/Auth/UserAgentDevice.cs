namespace Veza.Application.Auth;

/// <summary>
/// A short, human name for the device behind a User-Agent ("Firefox on Linux"), for the session list.
/// Only what a person needs to recognise their own sessions: browser family and operating system, no
/// versions. Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
/// </summary>
public static class UserAgentDevice
{
    public const string Unknown = "Unknown device";

    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("EdgA/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"), ("Firefox/", "Firefox"),
        ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"), ("Chrome/", "Chrome"), ("Chromium/", "Chromium"), ("Safari/", "Safari"),
        ("curl/", "curl"), ("PostmanRuntime/", "Postman"), ("okhttp/", "OkHttp"), ("python-requests/", "Python requests"), ("Dart/", "Dart"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("iPhone", "iOS"), ("iPad", "iPadOS"), ("Android", "Android"), ("CrOS", "ChromeOS"), ("Windows", "Windows"),
        ("Macintosh", "macOS"), ("Mac OS X", "macOS"), ("Linux", "Linux"),
    ];

    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return Unknown;
        }

        var browser = First(Browsers, userAgent);
        var system = First(Systems, userAgent);
        return (browser, system) switch
        {
            (null, null) => Unknown,
            ({ } b, null) => b,
            (null, { } s) => s,
            ({ } b, { } s) => $"{b} on {s}",
        };
    }

    private static string? First((string Token, string Name)[] table, string userAgent)
    {
        foreach (var (token, name) in table)
        {
            if (userAgent.Contains(token, StringComparison.Ordinal))
            {
                return name;
            }
        }

        return null;
    }
}
