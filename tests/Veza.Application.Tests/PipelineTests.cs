using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

[Authorize(Roles = "admin,super_admin")]
public sealed record AdminOnlyQuery : IQuery<string>;

public sealed class AdminOnlyQueryHandler : IRequestHandler<AdminOnlyQuery, string>
{
    public Task<string> Handle(AdminOnlyQuery request, CancellationToken cancellationToken) => Task.FromResult("secret");
}

public class PipelineTests : UseCaseTestBase
{
    protected override ApplicationHarness CreateHarness() => new ApplicationHarness(s => s.AddScoped<IRequestHandler<AdminOnlyQuery, string>, AdminOnlyQueryHandler>());

    [Test]
    public void Anonymous_callers_get_unauthorized() =>
        Assert.ThrowsAsync<UnauthorizedException>(() => App.SendAsync(new AdminOnlyQuery()));

    [Test]
    public void A_role_outside_the_list_is_forbidden()
    {
        App.SignInAs(User.Register("dj_nova", "nova@example.com", "h", ApplicationHarness.Now), Guid.NewGuid());

        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new AdminOnlyQuery()));
    }

    [Test]
    public async Task A_listed_role_passes()
    {
        App.SignInAs(User.Register("boss", "boss@example.com", "h", ApplicationHarness.Now, Role.Admin), Guid.NewGuid());

        Assert.That(await App.SendAsync(new AdminOnlyQuery()), Is.EqualTo("secret"));
    }
}
