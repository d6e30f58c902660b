using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Veza.Application.Common.Exceptions;
using Veza.Application.Tracks.Commands.ReprocessTrack;
using Veza.Application.Tracks.Commands.UploadTrack;
using Veza.Application.Tracks.Processing;
using Veza.Application.Tracks.Queries.GetMyQuota;
using Veza.Domain.Auditing;
using Veza.Domain.Common;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Settings;
using Veza.Domain.Tracks;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

/// <summary>Upload, reprocess and quota over substitute ports: every refusal, what is stored and what is left behind (nothing, on failure).</summary>
public class TrackUploadUseCaseTests : UseCaseTestBase
{
    private ITrackRepository _tracks = null!;
    private IFileStorage _storage = null!;
    private IJobScheduler _jobs = null!;
    private Dictionary<string, byte[]> _files = null!;
    private List<Track> _added = null!;
    private List<IJob> _enqueued = null!;
    private User _user = null!;
    private RuntimeSettings _settings = null!;
    private long _storedBytes;

    protected override ApplicationHarness CreateHarness()
    {
        _tracks = Substitute.For<ITrackRepository>();
        _storage = Substitute.For<IFileStorage>();
        _jobs = Substitute.For<IJobScheduler>();
        _files = [];
        _added = [];
        _enqueued = [];
        _storedBytes = 0;
        _settings = RuntimeSettings.Defaults;
        return new(services => services.AddSingleton(_tracks).AddSingleton(_storage).AddSingleton(_jobs).AddSingleton(Substitute.For<IImageProcessor>()));
    }

    [SetUp]
    public void SignIn()
    {
        _user = User.Register("dj_nova", "nova@example.com", "h", ApplicationHarness.Now);
        App.SignInAs(_user, Guid.NewGuid());
        App.Users.GetByIdAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(_ => _user);
        App.RuntimeSettings.GetAsync(Arg.Any<CancellationToken>()).Returns(_ => _settings);
        _tracks.StoredBytesOfAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(_ => _storedBytes);
        _tracks.When(t => t.Add(Arg.Any<Track>())).Do(c => _added.Add(c.Arg<Track>()));
        _tracks.GetAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => _added.FirstOrDefault(t => t.Id == c.Arg<Guid>()));
        _storage.SaveAsync(Arg.Any<string>(), Arg.Any<Stream>(), Arg.Any<CancellationToken>()).Returns(async c =>
        {
            // As the filesystem adapter: the whole stream or nothing under the key.
            using var copy = new MemoryStream();
            await c.Arg<Stream>().CopyToAsync(copy, c.Arg<CancellationToken>());
            _files[c.Arg<string>()] = copy.ToArray();
            return copy.Length;
        });
        _storage.DeletePrefixAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(c =>
        {
            foreach (var key in _files.Keys.Where(k => k.StartsWith(c.Arg<string>() + "/", StringComparison.Ordinal)).ToList())
            {
                _files.Remove(key);
            }

            return Task.CompletedTask;
        });
        _jobs.When(j => j.Enqueue(Arg.Any<IJob>(), Arg.Any<DateTimeOffset?>())).Do(c => _enqueued.Add(c.Arg<IJob>()));
    }

    [Test]
    public async Task An_upload_stores_the_original_under_a_server_key_and_queues_processing_in_status_processing()
    {
        var wav = Wav(10_000);

        var dto = await App.SendAsync(Upload(wav, "../My_Night  Drive.final.mp3", tags: "Synthwave, night   drive,synthwave"));

        var track = _added.Single();
        Assert.Multiple(() =>
        {
            Assert.That(dto.Id, Is.EqualTo(track.Id));
            Assert.That(dto.Status, Is.EqualTo(TrackStatus.Processing));
            Assert.That(dto.Title, Is.EqualTo("My Night Drive.final"), "the file name's stem, sanitised");
            Assert.That(track.TitleFromFileName, Is.True);
            Assert.That(dto.Tags, Is.EqualTo(new[] { "synthwave", "night drive" }));
            Assert.That(dto.Visibility, Is.EqualTo(TrackVisibility.Public));
            Assert.That(dto.OriginalFormat, Is.EqualTo(AudioFormat.Wav), "by its bytes, whatever the name says");
            Assert.That(dto.OriginalBytes, Is.EqualTo(wav.Length));
            Assert.That(_files.Keys, Is.EqualTo(new[] { TrackFiles.Original(track.Id) }));
            Assert.That(_files[TrackFiles.Original(track.Id)], Is.EqualTo(wav));
            Assert.That(track.ContentHash, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(wav))));
            Assert.That(_enqueued, Is.EqualTo(new IJob[] { new ProcessTrackJob(track.Id) }));
            Assert.That(App.AuditEvents, Has.One.Matches<RecordedAudit>(a =>
                a.Action == AuditActions.TrackUpload && a.Outcome == AuditOutcomes.Success && a.Target == AuditTargets.Track(track.Id)));
        });
        await App.UnitOfWork.Received(2).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task The_bytes_stream_to_storage_before_the_transaction_begins_and_the_row_is_written_inside_it()
    {
        var transactionsWhileStreaming = -1;
        _storage.SaveAsync(Arg.Any<string>(), Arg.Any<Stream>(), Arg.Any<CancellationToken>()).Returns(async c =>
        {
            using var copy = new MemoryStream();
            await c.Arg<Stream>().CopyToAsync(copy, c.Arg<CancellationToken>());
            transactionsWhileStreaming = App.UnitOfWork.ReceivedCalls().Count(call => call.GetMethodInfo().Name == nameof(IUnitOfWork.BeginTransactionAsync));
            _files[c.Arg<string>()] = copy.ToArray();
            return copy.Length;
        });

        await App.SendAsync(Upload(Wav(10_000), "drive.wav"));

        Assert.That(transactionsWhileStreaming, Is.Zero, "no connection is held while a client sends its bytes");
        Received.InOrder(() =>
        {
            App.UnitOfWork.BeginTransactionAsync(Arg.Any<CancellationToken>());
            _tracks.HoldOwnerUploadsAsync(_user.Id, Arg.Any<CancellationToken>());
            App.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()); // the handler's (a duplicate is a 409 there)
            App.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()); // the unit of work's, before the commit
            App.Transaction.CommitAsync(Arg.Any<CancellationToken>());
        });
        await App.UnitOfWork.Received(1).BeginTransactionAsync(Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task Given_fields_are_kept_and_a_title_is_not_replaced_by_the_file_name()
    {
        var dto = await App.SendAsync(Upload(Wav(100), "x.wav", title: "  Tape Loop  ", visibility: "private", genre: "Ambient", description: "Line one\nline two"));

        Assert.Multiple(() =>
        {
            Assert.That(dto.Title, Is.EqualTo("Tape Loop"));
            Assert.That(_added.Single().TitleFromFileName, Is.False);
            Assert.That(dto.Visibility, Is.EqualTo(TrackVisibility.Private));
            Assert.That(dto.Genre, Is.EqualTo("Ambient"));
            Assert.That(dto.Description, Is.EqualTo("Line one\nline two"));
        });
    }

    [TestCase("text file renamed .mp3")]
    [TestCase("GIF89a, a picture, not audio at all........................................")]
    public void Bytes_that_are_not_audio_are_415_and_leave_no_file_and_no_row(string content)
    {
        Assert.ThrowsAsync<UnsupportedMediaTypeException>(() => App.SendAsync(Upload(System.Text.Encoding.ASCII.GetBytes(content), "song.mp3")));

        AssertNothingKept();
        _storage.ReceivedWithAnyArgs(1).SaveAsync(default!, default!, default);
    }

    [Test]
    public void An_empty_file_is_a_validation_error_on_the_file_and_leaves_nothing()
    {
        var ex = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(Upload([], "empty.mp3")));

        Assert.That(ex!.Errors.Single(), Is.EqualTo(new FieldError("file", "The file is empty.")));
        AssertNothingKept();
    }

    [Test]
    public void A_file_over_the_size_setting_stops_where_it_passes_it_and_is_413_with_the_limit()
    {
        _settings = _settings with { MaxUploadBytes = 4096 };
        var source = new CountingSource(Wav(100_000));

        var ex = Assert.ThrowsAsync<FileTooLargeException>(() => App.SendAsync(Upload(source, "big.wav", announced: null)));

        Assert.That(ex!.Limit, Is.EqualTo(4096));
        Assert.That(source.BytesRead, Is.LessThan(4096 + (128 * 1024)), "reading stopped at the limit, not at the end");
        AssertNothingKept();
    }

    [Test]
    public void A_file_that_passes_the_quota_while_streaming_is_413_quota_exceeded_with_usage_and_limit()
    {
        _storedBytes = RuntimeSettings.Defaults.FreeUploadQuotaBytes - 1000;

        var ex = Assert.ThrowsAsync<QuotaExceededException>(() => App.SendAsync(Upload(new MemoryStream(Wav(5000)), "a.wav", announced: null)));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.UsedBytes, Is.EqualTo(_storedBytes));
            Assert.That(ex.LimitBytes, Is.EqualTo(RuntimeSettings.Defaults.FreeUploadQuotaBytes));
        });
        AssertNothingKept();
    }

    [Test]
    public void An_upload_that_fit_when_it_started_is_refused_when_a_concurrent_one_was_recorded_meanwhile()
    {
        // 3,000 bytes left when this upload starts; another upload of the owner commits 2,500 while it streams.
        _storedBytes = RuntimeSettings.Defaults.FreeUploadQuotaBytes - 3000;
        _tracks.When(t => t.HoldOwnerUploadsAsync(_user.Id, Arg.Any<CancellationToken>())).Do(_ => _storedBytes += 2500);

        var ex = Assert.ThrowsAsync<QuotaExceededException>(() => App.SendAsync(Upload(new MemoryStream(Wav(1000)), "a.wav", announced: null)));

        Assert.That(ex!.UsedBytes, Is.EqualTo(RuntimeSettings.Defaults.FreeUploadQuotaBytes - 500));
        _tracks.Received(1).HoldOwnerUploadsAsync(_user.Id, Arg.Any<CancellationToken>());
        AssertNothingKept();
    }

    [Test]
    public void An_announced_length_over_the_quota_or_the_size_is_refused_before_anything_is_stored()
    {
        _storedBytes = RuntimeSettings.Defaults.FreeUploadQuotaBytes - 1000;
        Assert.ThrowsAsync<QuotaExceededException>(() => App.SendAsync(Upload(new MemoryStream(Wav(100)), "a.wav", announced: 1001)));

        _storedBytes = 0;
        Assert.ThrowsAsync<FileTooLargeException>(() => App.SendAsync(Upload(new MemoryStream(Wav(100)), "a.wav", announced: RuntimeSettings.Defaults.MaxUploadBytes + 1)));

        _storage.DidNotReceiveWithAnyArgs().SaveAsync(default!, default!, default);
        AssertNothingKept();
    }

    [Test]
    public void A_pro_plan_has_the_pro_quota()
    {
        _user.ChangePlan(Plan.Pro, ApplicationHarness.Now);
        _storedBytes = RuntimeSettings.Defaults.FreeUploadQuotaBytes + 1;

        Assert.DoesNotThrowAsync(() => App.SendAsync(Upload(Wav(100), "a.wav")));
    }

    [Test]
    public void The_same_bytes_again_are_409_with_the_existing_track_and_the_new_file_is_deleted()
    {
        var existing = Guid.NewGuid();
        var wav = Wav(500);
        _tracks.FindIdByContentAsync(_user.Id, Convert.ToHexStringLower(SHA256.HashData(wav)), Arg.Any<CancellationToken>()).Returns(existing);

        var ex = Assert.ThrowsAsync<DuplicateUploadException>(() => App.SendAsync(Upload(wav, "again.wav")));

        Assert.That(ex!.ExistingId, Is.EqualTo(existing));
        AssertNothingKept();
    }

    [Test]
    public void A_concurrent_duplicate_caught_by_the_unique_index_is_the_same_409_and_the_file_is_deleted()
    {
        var winner = Guid.NewGuid();
        _tracks.FindIdByContentAsync(Arg.Any<Guid>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns((Guid?)null, winner);
        App.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).ThrowsAsync(new ConflictException("You already uploaded this file.", "file"));

        var ex = Assert.ThrowsAsync<DuplicateUploadException>(() => App.SendAsync(Upload(Wav(500), "race.wav")));

        Assert.That(ex!.ExistingId, Is.EqualTo(winner));
        Assert.That(_files, Is.Empty);
        App.Transaction.DidNotReceiveWithAnyArgs().CommitAsync(default);
    }

    [Test]
    public void A_failed_commit_after_the_handler_still_deletes_the_stored_file()
    {
        App.Transaction.CommitAsync(Arg.Any<CancellationToken>()).ThrowsAsync(new TimeoutException("connection lost"));

        Assert.ThrowsAsync<TimeoutException>(() => App.SendAsync(Upload(Wav(500), "a.wav")));

        Assert.That(_files, Is.Empty);
    }

    [Test]
    public void An_upload_whose_body_breaks_midway_leaves_no_file_and_no_row()
    {
        var source = new CountingSource(Wav(200_000), failAfter: 50_000);

        Assert.ThrowsAsync<IOException>(() => App.SendAsync(Upload(source, "a.wav", announced: null)));

        AssertNothingKept();
        _storage.ReceivedWithAnyArgs(1).SaveAsync(default!, default!, default);
    }

    [TestCase("visibility", "friends", "Visibility")]
    [TestCase("tags", "a,b,c,d,e,f,g,h,i,j,k", "Tags")]
    [TestCase("tags", "no/slashes", "Tags")]
    [TestCase("genre", "a very long genre name that goes on and on past fifty characters", "Genre")]
    public void Invalid_fields_are_400_before_a_byte_of_the_file_is_read(string field, string value, string property)
    {
        var command = field switch
        {
            "visibility" => Upload(Wav(100), "a.wav", visibility: value),
            "tags" => Upload(Wav(100), "a.wav", tags: value),
            _ => Upload(Wav(100), "a.wav", genre: value),
        };

        var ex = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(command));

        Assert.That(ex!.Errors.Select(e => e.Field), Does.Contain(property).IgnoreCase);
        _storage.DidNotReceiveWithAnyArgs().SaveAsync(default!, default!, default);
    }

    [Test]
    public async Task A_failed_track_is_queued_again_by_its_owner()
    {
        var track = StoredTrack(_user.Id, failed: true);

        var dto = await App.SendAsync(new ReprocessTrackCommand(track.Id));

        Assert.Multiple(() =>
        {
            Assert.That(dto.Status, Is.EqualTo(TrackStatus.Processing));
            Assert.That(_enqueued, Is.EqualTo(new IJob[] { new ProcessTrackJob(track.Id) }));
            Assert.That(App.AuditEvents.Single().Action, Is.EqualTo(AuditActions.TrackReprocess));
        });
    }

    [Test]
    public void Reprocessing_a_track_that_did_not_fail_is_422_with_its_status()
    {
        var processing = StoredTrack(_user.Id, failed: false);

        var ex = Assert.ThrowsAsync<InvalidStateException>(() => App.SendAsync(new ReprocessTrackCommand(processing.Id)));

        Assert.That((ex!.Field, ex.State), Is.EqualTo(("status", "processing")));
        Assert.That(_enqueued, Is.Empty);
    }

    [Test]
    public void Another_users_track_is_404_when_private_and_403_when_visible_but_an_admin_may_reprocess_it()
    {
        var owner = Guid.NewGuid();
        var hidden = StoredTrack(owner, failed: true, TrackVisibility.Private);
        var visible = StoredTrack(owner, failed: true);

        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new ReprocessTrackCommand(hidden.Id)));
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new ReprocessTrackCommand(Guid.NewGuid())));
        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new ReprocessTrackCommand(visible.Id)));

        App.Caller.Role.Returns(Role.Admin);
        Assert.DoesNotThrowAsync(() => App.SendAsync(new ReprocessTrackCommand(hidden.Id)));
    }

    [Test]
    public async Task The_quota_says_usage_limit_plan_count_and_what_is_left()
    {
        _storedBytes = 300;
        _tracks.CountOfAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(2);
        _settings = _settings with { FreeUploadQuotaBytes = 1000 };

        var quota = await App.SendAsync(new GetMyQuotaQuery());

        Assert.That(quota, Is.EqualTo(new QuotaDto(300, 1000, Plan.Free, 2, 700, RuntimeSettings.Defaults.MaxUploadBytes)));
    }

    private static byte[] Wav(int bytes)
    {
        var wav = new byte[Math.Max(bytes, 44)];
        "RIFF"u8.CopyTo(wav);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        Random.Shared.NextBytes(wav.AsSpan(44));
        return wav;
    }

    private static UploadTrackCommand Upload(
        byte[] content, string fileName, string? title = null, string? tags = null, string? visibility = null, string? genre = null, string? description = null) =>
        new(new MemoryStream(content), fileName, content.Length, title, description, tags, visibility, genre);

    private static UploadTrackCommand Upload(Stream content, string fileName, long? announced) => new(content, fileName, announced);

    private Track StoredTrack(Guid ownerId, bool failed, TrackVisibility visibility = TrackVisibility.Public)
    {
        var id = Guid.NewGuid();
        var track = Track.Upload(id, ownerId, new TrackDetails("Loop", null, null, [], visibility),
            new StoredOriginal(TrackFiles.Original(id), AudioFormat.Wav, 100, new string('a', 64), "loop"), ApplicationHarness.Now);
        if (failed)
        {
            track.FailProcessing(TrackFailure.Corrupt, 0, ApplicationHarness.Now);
        }

        track.TakeDomainEvents();
        _added.Add(track);
        return track;
    }

    private void AssertNothingKept()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_files, Is.Empty, "no file left in storage");
            Assert.That(_added, Is.Empty, "no row");
            Assert.That(_enqueued, Is.Empty);
            Assert.That(App.AuditEvents, Is.Empty);
        });
        App.Transaction.DidNotReceiveWithAnyArgs().CommitAsync(default);
    }

    /// <summary>An upload body: counts what was read and can break off partway, like a client that goes away.</summary>
    private sealed class CountingSource(byte[] content, int? failAfter = null) : MemoryStream(content)
    {
        public long BytesRead { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (failAfter is { } limit && BytesRead >= limit)
            {
                throw new IOException("The client closed the connection.");
            }

            var read = await base.ReadAsync(buffer[..Math.Min(buffer.Length, 8192)], cancellationToken);
            BytesRead += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
