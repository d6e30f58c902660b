using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Storage;
using Veza.Application.Users.Avatars.Commands.RemoveAvatar;
using Veza.Application.Users.Avatars.Commands.UploadAvatar;
using Veza.Application.Users.Avatars.Queries.GetUserAvatar;
using Veza.Domain.Auditing;
using Veza.Domain.Common;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

/// <summary>The avatar use cases over substitute ports: the order of the checks, what is stored, what is cleaned up, what is audited.</summary>
public class AvatarUseCaseTests : UseCaseTestBase
{
    private static readonly byte[] PngHeader = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    // NUnit keeps one fixture instance for all its tests: every port and record is made afresh per test.
    private IUserAvatarRepository _avatars = null!;
    private IFileStorage _storage = null!;
    private IImageProcessor _images = null!;
    private IJobScheduler _jobs = null!;
    private List<string> _savedKeys = null!;
    private List<IJob> _enqueued = null!;
    private UserAvatar? _stored;
    private User _user = null!;
    private string _temp = null!;

    protected override ApplicationHarness CreateHarness()
    {
        _avatars = Substitute.For<IUserAvatarRepository>();
        _storage = Substitute.For<IFileStorage>();
        _images = Substitute.For<IImageProcessor>();
        _jobs = Substitute.For<IJobScheduler>();
        _savedKeys = [];
        _enqueued = [];
        _stored = null;
        return new(services => services.AddSingleton(_avatars).AddSingleton(_storage).AddSingleton(_images).AddSingleton(_jobs));
    }

    [SetUp]
    public void SignIn()
    {
        _temp = Path.Combine(Path.GetTempPath(), "veza-avatar-usecase-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_temp);
        _user = User.Register("dj_nova", "nova@example.com", "h", ApplicationHarness.Now, Role.User);
        App.SignInAs(_user, Guid.NewGuid());
        _avatars.GetAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => _stored?.Id == c.Arg<Guid>() ? _stored : null);
        _avatars.When(r => r.Add(Arg.Any<UserAvatar>())).Do(c => _stored = c.Arg<UserAvatar>());
        _avatars.When(r => r.Remove(Arg.Any<UserAvatar>())).Do(_ => _stored = null);
        _storage.SaveAsync(Arg.Any<string>(), Arg.Any<Stream>(), Arg.Any<CancellationToken>()).Returns(c =>
        {
            _savedKeys.Add(c.Arg<string>());
            return 10L;
        });
        _jobs.When(j => j.Enqueue(Arg.Any<IJob>(), Arg.Any<DateTimeOffset?>())).Do(c => _enqueued.Add(c.Arg<IJob>()));
        _images.RenderSquaresAsync(Arg.Any<Stream>(), Arg.Any<SquareImageRequest>(), Arg.Any<CancellationToken>()).Returns(_ => Rendered());
    }

    [TearDown]
    public void DeleteTemp() => Directory.Delete(_temp, recursive: true);

    [Test]
    public async Task A_first_upload_stores_both_sizes_under_a_new_version_and_audits_it()
    {
        var dto = await App.SendAsync(Upload(PngHeader));

        Assert.That(_stored, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(dto.Version, Is.EqualTo(_stored!.Version));
            Assert.That(_savedKeys, Is.EqualTo(AvatarRules.StorageKeys(_user.Id, _stored.Version)));
            Assert.That(_savedKeys, Is.All.Not.Contain("png"), "names come from ids, never from the upload");
            Assert.That(_enqueued, Is.Empty, "nothing to clean up");
            Assert.That(App.AuditEvents, Has.One.Matches<RecordedAudit>(a =>
                a.Action == AuditActions.AvatarChange && a.Outcome == AuditOutcomes.Success && a.Target == AuditTargets.User(_user.Id)));
            Assert.That(dto.Images.Select(i => i.Url), Is.All.Contains($"v={_stored.Version:N}"));
        });
        await _images.Received(1).RenderSquaresAsync(Arg.Any<Stream>(),
            Arg.Is<SquareImageRequest>(r => r.MaxSourceSide == 8000 && r.Sizes.SequenceEqual(new[] { 512, 128 })), Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task A_replacement_gets_a_new_version_and_deletes_the_old_files_after_commit_by_a_job()
    {
        await App.SendAsync(Upload(PngHeader));
        var first = _stored!.Version;
        App.CurrentTime = App.CurrentTime.AddMinutes(1);

        await App.SendAsync(Upload(PngHeader));

        Assert.Multiple(() =>
        {
            Assert.That(_stored!.Version, Is.Not.EqualTo(first));
            Assert.That(_enqueued.OfType<DeleteStoredFilesJob>().Single().Keys, Is.EqualTo(AvatarRules.StorageKeys(_user.Id, first)));
        });
    }

    [Test]
    public void Over_5_mb_is_refused_before_anything_is_read()
    {
        Assert.ThrowsAsync<FileTooLargeException>(() => App.SendAsync(new UploadAvatarCommand(new MemoryStream(PngHeader), AvatarRules.MaxFileBytes + 1)));
        _images.DidNotReceiveWithAnyArgs().RenderSquaresAsync(default!, default!, default);
    }

    [TestCase("plain text, not an image")]
    [TestCase("GIF89a.......")]
    [TestCase("")]
    public void Bytes_that_are_not_png_jpeg_or_webp_are_415_and_never_reach_ffmpeg(string text)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);

        Assert.CatchAsync(() => App.SendAsync(new UploadAvatarCommand(new MemoryStream(bytes), Math.Max(bytes.Length, 1))));
        _images.DidNotReceiveWithAnyArgs().RenderSquaresAsync(default!, default!, default);
        Assert.That(_savedKeys, Is.Empty);
    }

    [Test]
    public void A_decompression_bomb_is_a_validation_error_on_the_file_and_nothing_is_stored()
    {
        _images.RenderSquaresAsync(Arg.Any<Stream>(), Arg.Any<SquareImageRequest>(), Arg.Any<CancellationToken>())
            .Returns(SquareImageResult.TooLarge(10000, 10000));

        var ex = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(Upload(PngHeader)));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Errors.Single().Field, Is.EqualTo("file"));
            Assert.That(ex.Errors.Single().Message, Does.Contain("10000x10000"));
            Assert.That(_stored, Is.Null);
            Assert.That(_savedKeys, Is.Empty);
            Assert.That(App.AuditEvents, Is.Empty);
        });
    }

    [Test]
    public void An_undecodable_image_is_415()
    {
        _images.RenderSquaresAsync(Arg.Any<Stream>(), Arg.Any<SquareImageRequest>(), Arg.Any<CancellationToken>())
            .Returns(SquareImageResult.Undecodable());

        Assert.ThrowsAsync<UnsupportedMediaTypeException>(() => App.SendAsync(Upload(PngHeader)));
        Assert.That(_stored, Is.Null);
    }

    [Test]
    public async Task The_processor_reads_the_whole_upload_from_its_start()
    {
        var bytes = PngHeader.Concat(new byte[1000]).ToArray();
        long? position = null;
        _images.RenderSquaresAsync(Arg.Do<Stream>(s => position = s.Position), Arg.Any<SquareImageRequest>(), Arg.Any<CancellationToken>())
            .Returns(_ => Rendered());

        await App.SendAsync(Upload(bytes));

        Assert.That(position, Is.Zero, "the magic-byte check rewinds what it read");
    }

    [Test]
    public void Anonymous_callers_cannot_upload_or_remove()
    {
        App.Caller.IsAuthenticated.Returns(false);
        App.Caller.UserId.Returns((Guid?)null);

        Assert.ThrowsAsync<UnauthorizedException>(() => App.SendAsync(Upload(PngHeader)));
        Assert.ThrowsAsync<UnauthorizedException>(() => App.SendAsync(new RemoveAvatarCommand()));
    }

    [Test]
    public async Task Remove_deletes_the_row_enqueues_the_file_cleanup_and_is_idempotent()
    {
        await App.SendAsync(Upload(PngHeader));
        var version = _stored!.Version;

        var removed = await App.SendAsync(new RemoveAvatarCommand());
        var again = await App.SendAsync(new RemoveAvatarCommand());

        Assert.Multiple(() =>
        {
            Assert.That(removed.Removed, Is.True);
            Assert.That(again.Removed, Is.False);
            Assert.That(_stored, Is.Null);
            Assert.That(_enqueued.OfType<DeleteStoredFilesJob>().Single().Keys, Is.EqualTo(AvatarRules.StorageKeys(_user.Id, version)));
            Assert.That(App.AuditEvents.Select(a => a.Action), Is.EqualTo(new[] { AuditActions.AvatarChange, AuditActions.AvatarRemove }));
        });
    }

    [Test]
    public async Task The_cleanup_job_deletes_every_key_it_names()
    {
        var handler = new DeleteStoredFilesJobHandler(_storage);

        await handler.Handle(new DeleteStoredFilesJob(["avatars/a/1-512.webp", "avatars/a/1-128.webp"]), CancellationToken.None);

        await _storage.Received(1).DeleteAsync("avatars/a/1-512.webp", Arg.Any<CancellationToken>());
        await _storage.Received(1).DeleteAsync("avatars/a/1-128.webp", Arg.Any<CancellationToken>());
    }

    [TestCase(0)]
    [TestCase(256)]
    [TestCase(-1)]
    public void Only_512_and_128_are_sizes(int size)
    {
        var ex = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new GetUserAvatarQuery(_user.Id, size)));
        Assert.That(ex!.Errors.Single().Field, Is.EqualTo("size"));
    }

    [Test]
    public void A_user_without_an_avatar_or_whose_file_is_missing_is_not_found()
    {
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new GetUserAvatarQuery(_user.Id, 512)));

        _stored = UserAvatar.For(_user.Id, ApplicationHarness.Now);
        _storage.OpenReadAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns((StoredFile?)null);
        Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new GetUserAvatarQuery(_user.Id, 128)));
    }

    [Test]
    public async Task Get_opens_the_file_of_the_current_version_and_size()
    {
        _stored = UserAvatar.For(_user.Id, ApplicationHarness.Now);
        _storage.OpenReadAsync(AvatarRules.StorageKey(_user.Id, _stored.Version, 128), Arg.Any<CancellationToken>())
            .Returns(new StoredFile(new MemoryStream([1, 2, 3]), 3));

        await using var file = await App.SendAsync(new GetUserAvatarQuery(_user.Id, 128));

        Assert.Multiple(() =>
        {
            Assert.That(file.Version, Is.EqualTo(_stored.Version));
            Assert.That(file.ContentType, Is.EqualTo("image/webp"));
            Assert.That(file.File.Length, Is.EqualTo(3));
        });
    }

    [TestCase(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, ImageFormat.Jpeg)]
    [TestCase(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50 }, ImageFormat.WebP)]
    [TestCase(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, ImageFormat.Png)]
    public void Formats_are_told_by_their_magic_bytes(byte[] header, ImageFormat expected) =>
        Assert.That(ImageFormats.Detect(header), Is.EqualTo(expected));

    [TestCase(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45 })] // RIFF WAVE
    [TestCase(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 })] // GIF89a
    [TestCase(new byte[] { 0x89, 0x50, 0x4E, 0x47 })] // a truncated PNG signature
    public void Near_misses_are_no_format(byte[] header) => Assert.That(ImageFormats.Detect(header), Is.Null);

    private static UploadAvatarCommand Upload(byte[] bytes) => new(new MemoryStream(bytes), bytes.Length);

    private SquareImageResult Rendered()
    {
        var images = AvatarRules.Sizes.Select(size =>
        {
            var path = Path.Combine(_temp, $"{Guid.NewGuid():N}-{size}.webp");
            File.WriteAllBytes(path, [1, 2, 3]);
            return new SquareImage(size, ImageFormat.WebP, path);
        }).ToList();
        return SquareImageResult.Rendered(640, 480, images, () => { });
    }
}
