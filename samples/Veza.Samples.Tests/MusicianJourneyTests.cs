using Veza.Application.Auth.Commands.VerifyEmail;
using Veza.Application.Chat.Commands.CreateChatRoom;
using Veza.Application.Chat.Commands.SendChatMessage;
using Veza.Application.Marketplace.Listings.Commands.CreateListing;
using Veza.Application.Marketplace.Offers.Commands.AcceptOffer;
using Veza.Application.Marketplace.Offers.Commands.MakeOffer;
using Veza.Application.Tracks.Commands.UploadTrack;
using Veza.Application.Tracks.Queries.GetStreamUrls;
using Veza.Application.Tracks.Queries.GetTrack;
using Veza.Domain.Marketplace;
using Veza.TestKit;

namespace Veza.Samples.Tests;

/// <summary>
/// What a suite outside Veza looks like: one kit per fixture, a reset before each test, then use cases sent
/// as the people who would send them.
/// </summary>
public sealed class MusicianJourneyTests
{
    private VezaKit _kit = null!;

    [OneTimeSetUp]
    public async Task Start() => _kit = await VezaKit.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _kit.DisposeAsync();

    [SetUp]
    public Task Reset() => _kit.ResetAsync();

    [Test]
    public async Task A_musician_registers_uploads_a_track_and_a_listener_gets_its_stream_urls()
    {
        var musician = await _kit.RegisterAsync("night_driver", "night.driver@example.test", "Tape-loops-forever-1");
        var verification = await _kit.Emails.WaitForAsync("night.driver@example.test");
        await _kit.Send(new VerifyEmailCommand(CapturedEmails.TokenIn(verification)));  // uploads need a verified address
        var listener = await _kit.CreateUserAsync();

        var wav = await _kit.MakeToneAsync(seconds: 3);
        await using var audio = File.OpenRead(wav);
        var uploaded = await _kit.As(musician).Send(new UploadTrackCommand(audio, "night-drive.wav", audio.Length, Title: "Night Drive"));
        await _kit.WaitForJobsAsync();

        var track = await _kit.As(listener).Send(new GetTrackQuery(uploaded.Id));
        var urls = await _kit.As(listener).Send(new GetStreamUrlsQuery(uploaded.Id));
        Assert.Multiple(() =>
        {
            Assert.That(track.Status, Is.EqualTo("ready"));
            Assert.That(urls.Urls.Mp3128, Does.Contain(uploaded.Id.ToString()));
            Assert.That(urls.Urls.Hls, Is.Not.Null);
        });
    }

    [Test]
    public async Task A_chat_message_reaches_the_room_in_real_time()
    {
        var host = await _kit.CreateUserAsync();
        var room = await _kit.As(host).Send(new CreateChatRoomCommand("synth-talk"));

        await _kit.As(host).Send(new SendChatMessageCommand(room.Id, "Anyone selling a Juno?", "sample-1"));

        var pushed = await _kit.Notifications.WaitForAsync("message", n => n.RoomId == room.Id);
        Assert.That(pushed.RoomId, Is.EqualTo(room.Id));
    }

    [Test]
    public async Task A_seller_accepts_an_offer_on_a_listing()
    {
        var seller = await _kit.CreateUserAsync(username: "seller");
        var buyer = await _kit.CreateUserAsync(username: "buyer");
        var category = await _kit.ScalarAsync<Guid>("SELECT id FROM categories c WHERE NOT EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id) ORDER BY slug LIMIT 1");

        var listing = await _kit.As(seller).Send(new CreateListingCommand("Roland Juno-106", "Serviced last year.", "sale", 900m, "EUR", "good", category));
        var offer = await _kit.As(buyer).Send(new MakeOfferCommand(listing.Id, 850m, "EUR", null, "Would you take 850?"));
        var accepted = await _kit.As(seller).Send(new AcceptOfferCommand(offer.Id));

        Assert.That(accepted.Status, Is.EqualTo(OfferStatus.Accepted));
    }
}
