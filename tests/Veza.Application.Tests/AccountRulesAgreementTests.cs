using FluentValidation.Results;
using NSubstitute;
using Veza.Application.Auth.Commands.Register;
using Veza.Application.Users.Commands.EnsureSuperAdmin;
using Veza.Domain.Ports;
using Veza.Domain.Tests;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

/// <summary>
/// A request the validators pass must be one the entity accepts (else a 500 instead of a 400), and a
/// request they refuse must be one the entity would refuse (else the API turns away valid accounts).
/// </summary>
public class AccountRulesAgreementTests
{
    private const string Password = "violet-tape-deck-42";

    private static readonly ICommonPasswordList NoCommonPasswords = Substitute.For<ICommonPasswordList>();

    [TestCaseSource(typeof(AccountRuleCases), nameof(AccountRuleCases.Usernames))]
    public void The_validators_accept_a_username_exactly_when_the_entity_does(string? username, bool valid)
    {
        Assert.That(AccountRuleCases.EntityAccepts(username, "nova@example.com"), Is.EqualTo(valid));
        Assert.That(RefusedFields(username, "nova@example.com"), valid ? Is.Empty : Is.EqualTo(new[] { nameof(RegisterCommand.Username) }));
    }

    [TestCaseSource(typeof(AccountRuleCases), nameof(AccountRuleCases.Emails))]
    public void The_validators_accept_an_email_exactly_when_the_entity_does(string? email, bool valid)
    {
        Assert.That(AccountRuleCases.EntityAccepts("dj_nova", email), Is.EqualTo(valid));
        Assert.That(RefusedFields("dj_nova", email), valid ? Is.Empty : Is.EqualTo(new[] { nameof(RegisterCommand.Email) }));
    }

    [Test]
    public void The_validators_report_the_rules_own_message()
    {
        var result = new RegisterCommandValidator(NoCommonPasswords).Validate(new RegisterCommand("DJ_Nova", "nova@example", Password));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new[] { UsernameRules.Message, EmailRules.Message }));
    }

    /// <summary>The fields refused by the validators of both commands that create an account.</summary>
    private static string[] RefusedFields(string? username, string? email)
    {
        var register = Fields(new RegisterCommandValidator(NoCommonPasswords).Validate(new RegisterCommand(username!, email!, Password)));
        var superAdmin = Fields(new EnsureSuperAdminCommandValidator(NoCommonPasswords).Validate(new EnsureSuperAdminCommand(username!, email!, Password)));
        Assert.That(superAdmin, Is.EqualTo(register), "both commands that create an account apply the same rules");
        return register;
    }

    private static string[] Fields(ValidationResult result) => result.Errors.Select(e => e.PropertyName).Distinct().ToArray();
}
