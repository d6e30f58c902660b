namespace Veza.Application.Common.Email;

/// <summary>
/// Where the frontend's pages for emailed links live (Email:LinkBaseUrl). The API never serves these
/// pages: the page reads the token from its query string and posts it to the API.
/// </summary>
public sealed class AccountLinks(string baseUrl)
{
    private readonly string _base = baseUrl.TrimEnd('/');

    public string VerifyEmail(string token) => Build("verify-email", token);

    public string ResetPassword(string token) => Build("reset-password", token);

    public string ConfirmEmailChange(string token) => Build("confirm-email-change", token);

    public string MagicLink(string token) => Build("magic-link", token);

    private string Build(string page, string token) => $"{_base}/{page}?token={Uri.EscapeDataString(token)}";
}
