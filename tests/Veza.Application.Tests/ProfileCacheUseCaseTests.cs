using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Veza.Application.Auth.Commands.Register;
using Veza.Application.Common.Caching;
using Veza.Application.Common.ReadModels;
using Veza.Application.Social.Commands.FollowUser;
using Veza.Application.Users;
using Veza.Application.Users.Commands.UpdateProfile;
using Veza.Application.Users.Queries.GetUserProfile;
using Veza.Domain.Common;
using Veza.Domain.Social;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

/// <summary>The profile read through <see cref="ICache"/>: a miss fills it without viewer flags, a hit skips the source, a change invalidates it.</summary>
public class ProfileCacheUseCaseTests : UseCaseTestBase
{
    private IUserDirectory _directory = null!;

    protected override ApplicationHarness CreateHarness()
    {
        _directory = Substitute.For<IUserDirectory>();
        return new(services => services.AddSingleton(_directory).AddSingleton(Substitute.For<IFollowRepository>()).AddSingleton(Substitute.For<IBlockRepository>()));
    }

    [Test]
    public async Task A_miss_reads_the_source_and_caches_the_profile_without_the_viewers_flags()
    {
        var owner = await SignedInUserAsync("owner");
        var viewer = await SignedInUserAsync("viewer");
        _directory.FindProfileAsync(owner.Id, viewer.Id, Arg.Any<CancellationToken>()).Returns(Data(owner) with { ViewerFollows = true });

        var profile = await App.SendAsync(new GetUserProfileQuery(owner.Id));

        Assert.That(profile.IsFollowing, Is.True);
        await App.Cache.Received(1).SetAsync(
            CacheKeys.Profile(owner.Id),
            Arg.Is<UserProfileData>(d => d.Id == owner.Id && !d.ViewerFollows && !d.ViewerBlocks && !d.BlocksViewer),
            TimeSpan.FromSeconds(30),
            Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task A_hit_skips_the_profile_query_and_reads_only_this_viewers_relation()
    {
        var owner = await SignedInUserAsync("owner");
        var viewer = await SignedInUserAsync("viewer");
        App.Cache.GetAsync<UserProfileData>(CacheKeys.Profile(owner.Id), Arg.Any<CancellationToken>()).Returns(Data(owner) with { Bio = "cached" });
        _directory.ViewerRelationAsync(owner.Id, viewer.Id, Arg.Any<CancellationToken>()).Returns(new ViewerRelation(false, true, false));

        var profile = await App.SendAsync(new GetUserProfileQuery(owner.Id));

        Assert.Multiple(() =>
        {
            Assert.That(profile.Bio, Is.EqualTo("cached"));
            Assert.That(profile.IsBlocking, Is.True);
            Assert.That(profile.IsFollowing, Is.False);
        });
        await _directory.DidNotReceiveWithAnyArgs().FindProfileAsync(default, default, default);
        await App.Cache.DidNotReceiveWithAnyArgs().SetAsync<UserProfileData>(default!, default!, default, default);
    }

    [Test]
    public async Task A_profile_change_and_a_follow_write_the_invalidation_to_the_outbox_and_drop_the_keys_here_after_the_commit()
    {
        var other = await SignedInUserAsync("other");
        var me = await SignedInUserAsync();
        _directory.FindProfileAsync(me.Id, me.Id, Arg.Any<CancellationToken>()).Returns(Data(me));
        _directory.ExistsAsync(other.Id, Arg.Any<CancellationToken>()).Returns(true);

        await App.SendAsync(new UpdateProfileCommand(Bio: "Deep house"));
        await App.SendAsync(new FollowUserCommand(other.Id));

        App.Outbox.Received(1).Enqueue(Arg.Is<IIntegrationEvent>(e => e is CacheInvalidated && ((CacheInvalidated)e).Keys.SequenceEqual(new[] { CacheKeys.Profile(me.Id) })));
        App.Outbox.Received(1).Enqueue(Arg.Is<IIntegrationEvent>(e => e is CacheInvalidated
            && ((CacheInvalidated)e).Keys.SequenceEqual(new[] { CacheKeys.Profile(me.Id), CacheKeys.Profile(other.Id) })));
        await App.Cache.Received(1).RemoveAsync(Arg.Is<IReadOnlyCollection<string>>(k => k.SequenceEqual(new[] { CacheKeys.Profile(me.Id) })), Arg.Any<CancellationToken>());
        await App.Cache.Received(1).RemoveAsync(
            Arg.Is<IReadOnlyCollection<string>>(k => k.SequenceEqual(new[] { CacheKeys.Profile(me.Id), CacheKeys.Profile(other.Id) })), Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task Hearing_the_invalidation_drops_the_keys_from_the_cache()
    {
        var cache = Substitute.For<ICache>();
        var userId = Guid.NewGuid();

        await new CacheInvalidatedHandler(cache).HandleAsync(CacheInvalidated.Profiles(ApplicationHarness.Now, userId), CancellationToken.None);

        await cache.Received(1).RemoveAsync(Arg.Is<IReadOnlyCollection<string>>(k => k.SequenceEqual(new[] { CacheKeys.Profile(userId) })), Arg.Any<CancellationToken>());
    }

    private async Task<User> SignedInUserAsync(string username = "dj_nova")
    {
        await App.SendAsync(new RegisterCommand(username, $"{username}@example.com", "violet-tape-deck-42"));
        var user = App.StoredUsers.Single(u => u.Username == username);
        App.SignInAs(user, App.StoredSessions.Last(s => s.UserId == user.Id).Id);
        return user;
    }

    private static UserProfileData Data(User user) =>
        new(user.Id, user.Username, user.Email, user.DisplayName, user.FirstName, user.LastName, user.Bio, user.Location, user.Links, null, user.CreatedAt, user.Status,
            ProfileVisibility.Public, 3, 4, false, false, false);
}
