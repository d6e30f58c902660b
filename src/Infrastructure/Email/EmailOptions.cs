using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace Veza.Infrastructure.Email;

/// <summary>
/// How account emails leave (Email:*): the log sink by default (development: the link is read from the
/// log), SMTP in production. Validated at start-up.
/// </summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "Email";
    public const string LogTransport = "log";
    public const string SmtpTransport = "smtp";

    /// <summary><c>log</c> (default) or <c>smtp</c>.</summary>
    [Required]
    public string Transport { get; set; } = LogTransport;

    /// <summary>The sender of every email, also the domain of its Message-ID.</summary>
    [Required]
    public string FromAddress { get; set; } = "no-reply@veza.local";

    public string FromName { get; set; } = "Veza";

    /// <summary>The frontend's base URL; emailed links are <c>{LinkBaseUrl}/verify-email?token=...</c> and the like.</summary>
    [Required]
    public string LinkBaseUrl { get; set; } = "http://127.0.0.1:3000";

    public SmtpSettings Smtp { get; set; } = new();

    public bool UsesSmtp => string.Equals(Transport, SmtpTransport, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesSmtp && !string.Equals(Transport, LogTransport, StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"Email:Transport must be '{LogTransport}' or '{SmtpTransport}'.", [nameof(Transport)]);
        }

        if (!MailAddress.TryCreate(FromAddress, out _))
        {
            yield return new ValidationResult("Email:FromAddress must be an email address.", [nameof(FromAddress)]);
        }

        if (!Uri.TryCreate(LinkBaseUrl, UriKind.Absolute, out var link) || (link.Scheme != Uri.UriSchemeHttps && link.Scheme != Uri.UriSchemeHttp) || link.Query.Length > 0)
        {
            yield return new ValidationResult("Email:LinkBaseUrl must be an absolute http(s) URL without a query.", [nameof(LinkBaseUrl)]);
        }

        if (UsesSmtp)
        {
            if (string.IsNullOrWhiteSpace(Smtp.Host))
            {
                yield return new ValidationResult("Email:Smtp:Host is required when Email:Transport is smtp.", ["Smtp.Host"]);
            }

            if (Smtp.Port is < 1 or > 65535)
            {
                yield return new ValidationResult("Email:Smtp:Port must be 1-65535.", ["Smtp.Port"]);
            }

            if (string.IsNullOrEmpty(Smtp.Username) != string.IsNullOrEmpty(Smtp.Password))
            {
                yield return new ValidationResult("Email:Smtp:Username and Email:Smtp:Password go together.", ["Smtp.Username"]);
            }

            if (Smtp.Timeout <= TimeSpan.Zero || Smtp.Timeout > TimeSpan.FromMinutes(5))
            {
                yield return new ValidationResult("Email:Smtp:Timeout must be between 0 and 5 minutes.", ["Smtp.Timeout"]);
            }
        }
    }
}

public sealed class SmtpSettings
{
    public string Host { get; set; } = string.Empty;

    public int Port { get; set; } = 587;

    /// <summary>STARTTLS (System.Net.Mail has no implicit TLS on 465). On by default; off only for a local relay or a test server.</summary>
    public bool EnableTls { get; set; } = true;

    /// <summary>Optional credentials; from the environment (Email__Smtp__Password), never committed.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
