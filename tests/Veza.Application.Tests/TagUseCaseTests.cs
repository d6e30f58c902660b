using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.ReadModels;
using Veza.Application.Tags;
using Veza.Application.Tags.Commands.DeleteTag;
using Veza.Application.Tags.Commands.MergeTag;
using Veza.Application.Tags.Commands.RenameTag;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

/// <summary>Tag moderation through MediatR over a substitute directory: who may, what is refused before anything moves, and the names as stored.</summary>
public class TagUseCaseTests : UseCaseTestBase
{
    private ITagDirectory _tags = null!;

    protected override ApplicationHarness CreateHarness()
    {
        _tags = Substitute.For<ITagDirectory>();
        _tags.FindAsync("synth", Arg.Any<CancellationToken>()).Returns(new TagDto("synth", 3, 3));
        _tags.FindAsync("synthwave", Arg.Any<CancellationToken>()).Returns(new TagDto("synthwave", 9, 8, 1));
        _tags.MoveAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .Returns(c => new TagDto(c.ArgAt<string>(1), 12, 11, 1));
        return new(services => services.AddSingleton(_tags).AddSingleton(Substitute.For<ITrackCatalog>()));
    }

    [Test]
    public async Task A_rename_moves_the_tag_under_its_normalised_name()
    {
        SignIn(Role.Moderator);

        var renamed = await App.SendAsync(new RenameTagCommand(" SYNTH ", "Synth  Pop"));

        Assert.That(renamed.Name, Is.EqualTo("synth pop"));
        await _tags.Received(1).MoveAsync("synth", "synth pop", ApplicationHarness.Now, Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task Renaming_onto_a_tag_in_use_is_a_conflict_and_nothing_moves()
    {
        SignIn(Role.Moderator);

        Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new RenameTagCommand("synth", "synthwave")));
        await _tags.DidNotReceiveWithAnyArgs().MoveAsync(default!, default!, default, default);
    }

    [Test]
    public async Task A_merge_needs_both_tags_in_use_and_two_different_names()
    {
        SignIn(Role.Moderator);

        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new MergeTagCommand("synth", "unused")));
        var errors = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new MergeTagCommand("Synth", "synth")))!.Errors;
        Assert.That(errors.Select(e => e.Field), Is.EqualTo(new[] { "into" }));
        await _tags.DidNotReceiveWithAnyArgs().MoveAsync(default!, default!, default, default);

        var merged = await App.SendAsync(new MergeTagCommand("synth", "synthwave"));
        Assert.That(merged.Name, Is.EqualTo("synthwave"));
    }

    [Test]
    public async Task Only_moderators_and_above_moderate_tags()
    {
        SignIn(Role.User);

        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new DeleteTagCommand("synth")));
        await _tags.DidNotReceiveWithAnyArgs().RemoveAsync(default!, default);
    }

    private void SignIn(Role role) => App.SignInAs(User.Register("mod_milo", "milo@example.com", "h", ApplicationHarness.Now, role), Guid.NewGuid());
}
