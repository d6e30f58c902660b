using Veza.Application.Admin.Queries.ListUsers;
using Veza.Application.Auth;
using Veza.Application.Auth.Commands.ForgotPassword;
using Veza.Application.Auth.Commands.Login;
using Veza.Application.Chat.Commands.CreateChatRoom;
using Veza.Application.Chat.Commands.SendChatMessage;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Models;
using Veza.Application.Tracks;
using Veza.Application.Tracks.Commands.UploadTrack;
using Veza.Application.Tracks.Queries.GetTrack;
using Veza.Domain.Tracks;
using Veza.Domain.Users;
using Veza.TestKit;

namespace Veza.TestKit.Tests;

/// <summary>One kit for the fixture, reset before every test, as an outside suite would use it.</summary>
public sealed class TestKitTests
{
    private VezaKit _kit = null!;

    [OneTimeSetUp]
    public async Task StartKit() => _kit = await VezaKit.StartAsync();

    [OneTimeTearDown]
    public async Task StopKit() => await _kit.DisposeAsync();

    [SetUp]
    public Task Reset() => _kit.ResetAsync();

    [Test]
    public async Task A_registered_user_logs_in_and_gets_the_verification_email()
    {
        var registered = await _kit.RegisterAsync("kit_newcomer", "newcomer@kit.test", "Correct-horse-battery-9");

        var signedIn = await _kit.Send(new LoginCommand("kit_newcomer", "Correct-horse-battery-9"));
        await _kit.WaitForJobsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(signedIn.User!.Id, Is.EqualTo(registered.Id));
            Assert.That(signedIn.AccessToken, Is.Not.Empty);
            Assert.That(registered.SessionId, Is.Not.EqualTo(Guid.Empty));
            Assert.That(CapturedEmails.TokenIn(_kit.Emails.To("newcomer@kit.test").Single()), Is.Not.Empty);
        });
    }

    [Test]
    public async Task Users_of_each_role_pass_the_authorization_behaviour_as_their_role_allows()
    {
        var (user, moderator, admin, superAdmin) = await _kit.CreateUserOfEachRoleAsync();

        var listed = await _kit.As(admin).Send(new ListUsersQuery(new PageRequest()));

        Assert.Multiple(() =>
        {
            Assert.That(new[] { user.Role, moderator.Role, admin.Role, superAdmin.Role }, Is.EqualTo(new[] { Role.User, Role.Moderator, Role.Admin, Role.SuperAdmin }));
            Assert.That(listed.Items.Select(u => u.Id), Is.SupersetOf(new[] { user.Id, moderator.Id, admin.Id, superAdmin.Id }));
            Assert.ThrowsAsync<ForbiddenException>(() => _kit.As(user).Send(new ListUsersQuery(new PageRequest())));
            Assert.ThrowsAsync<UnauthorizedException>(() => _kit.Send(new ListUsersQuery(new PageRequest())));
        });
    }

    [Test]
    public async Task An_uploaded_track_is_processed_by_the_job_worker_until_ready()
    {
        var artist = await _kit.CreateUserAsync();
        var tone = await _kit.MakeToneAsync(seconds: 2);

        UploadedTrackDto uploaded;
        await using (var audio = File.OpenRead(tone))
        {
            uploaded = await _kit.As(artist).Send(new UploadTrackCommand(audio, "tone.wav", audio.Length, Title: "Kit tone"));
        }

        await _kit.WaitForJobsAsync();
        var track = await _kit.As(artist).Send(new GetTrackQuery(uploaded.Id));

        Assert.Multiple(() =>
        {
            Assert.That(uploaded.Status, Is.EqualTo(TrackStatus.Processing));
            Assert.That(track.Status, Is.EqualTo("ready"));
        });
    }

    [Test]
    public async Task Validation_runs_in_the_pipeline()
    {
        var artist = await _kit.CreateUserAsync();

        Assert.ThrowsAsync<RequestValidationException>(() => _kit.As(artist).Send(new CreateChatRoomCommand("")));
    }

    [Test]
    public async Task A_chat_message_is_captured_as_a_realtime_notification_to_its_room()
    {
        var author = await _kit.CreateUserAsync();
        var room = await _kit.As(author).Send(new CreateChatRoomCommand("kit-lounge"));

        var message = await _kit.As(author).Send(new SendChatMessageCommand(room.Id, "hello from the kit", "kit-1"));

        var pushed = await _kit.Notifications.WaitForAsync("message", n => n.RoomId == room.Id);
        Assert.That(_kit.Notifications.InRoom(room.Id), Has.Member(pushed));
        Assert.That(message.Content, Is.EqualTo("hello from the kit"));
    }

    [Test]
    public async Task Reset_empties_the_data_and_keeps_the_schema_and_the_seeded_categories()
    {
        await _kit.CreateUserAsync();
        var clock = (KitClock)_kit.Clock;
        clock.Advance(TimeSpan.FromDays(3));
        Assert.That(_kit.Clock.UtcNow, Is.GreaterThan(DateTimeOffset.UtcNow.AddDays(2)));

        await _kit.ResetAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(await _kit.ScalarAsync<long>("SELECT count(*) FROM users"), Is.Zero);
            Assert.That(await _kit.ScalarAsync<long>("SELECT count(*) FROM categories"), Is.Positive);
            Assert.That(_kit.Emails.All, Is.Empty);
            Assert.That(_kit.Clock.UtcNow, Is.LessThan(DateTimeOffset.UtcNow.AddMinutes(1)));
        });
    }

    [Test]
    public async Task Reset_also_forgets_what_the_in_process_adapters_held_so_an_address_limit_starts_afresh()
    {
        const string address = "limited@kit.test";
        await _kit.RegisterAsync("kit_limited", address, "Correct-horse-battery-9");
        for (var i = 0; i < AccountEmailThrottle.PerRecipient.PermitLimit; i++)
        {
            await _kit.Send(new ForgotPasswordCommand(address));
        }

        Assert.ThrowsAsync<RateLimitedException>(() => _kit.Send(new ForgotPasswordCommand(address)), "the address's hourly limit is reached");
        await _kit.WaitForJobsAsync();

        await _kit.ResetAsync();
        await _kit.RegisterAsync("kit_limited", address, "Correct-horse-battery-9");
        await _kit.Send(new ForgotPasswordCommand(address));
        await _kit.WaitForJobsAsync();

        var resets = _kit.Emails.To(address).Where(m => m.Subject.Contains("Reset your password", StringComparison.Ordinal)).ToList();
        Assert.That(resets, Has.Count.EqualTo(1), "a fresh start: the same address may ask again, and only this one was sent since");
        Assert.That(CapturedEmails.TokenIn(resets[0]), Is.Not.Empty);
    }
}

/// <summary>The kit's own PostgreSQL (what a suite gets on a machine where build/test.sh started none), and a given connection string.</summary>
public sealed class OwnServerTests
{
    [Test]
    public async Task The_kit_starts_on_a_cluster_of_its_own_and_on_a_given_connection_string()
    {
        await using var server = await PostgresServer.StartOwnAsync();
        await using var database = await TestDatabase.CreateAsync(server.AdminConnectionString);
        await using (var kit = await VezaKit.StartAsync(database.ConnectionString))
        {
            var user = await kit.CreateUserAsync(Role.Moderator);
            Assert.That(await kit.ScalarAsync<string>("SELECT role FROM users WHERE id = @id", ("id", user.Id)), Is.EqualTo("moderator"));
        }

        Assert.That(server.IsOwned, Is.True);
    }
}
