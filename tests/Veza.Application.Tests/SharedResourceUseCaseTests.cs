using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Veza.Application.Common.Exceptions;
using Veza.Application.Resources;
using Veza.Application.Resources.Commands.CreateResource;
using Veza.Application.Resources.Commands.UpdateResource;
using Veza.Application.Resources.Processing;
using Veza.Domain.Common;
using Veza.Domain.Media;
using Veza.Domain.Ports;
using Veza.Domain.Resources;
using Veza.Domain.Settings;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

/// <summary>Sharing files through MediatR over substitute ports: what is stored and queued, the refusals before and after storing, and who may edit what.</summary>
public class SharedResourceUseCaseTests : UseCaseTestBase
{
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8];

    private IFileStorage _storage = null!;
    private IResourceReadModel _readModel = null!;
    private Dictionary<string, byte[]> _files = null!;
    private List<SharedResource> _added = null!;
    private List<IJob> _enqueued = null!;
    private User _user = null!;
    private long _storedBytes;

    protected override ApplicationHarness CreateHarness()
    {
        _storage = Substitute.For<IFileStorage>();
        _readModel = Substitute.For<IResourceReadModel>();
        _files = [];
        _added = [];
        _enqueued = [];
        _storedBytes = 0;
        return new(services => services.AddSingleton(_storage).AddSingleton(new ResourceSettings(1000)).AddSingleton(_readModel));
    }

    [SetUp]
    public void SignIn()
    {
        _user = User.Register("dj_nova", "nova@example.com", "h", ApplicationHarness.Now);
        App.SignInAs(_user, Guid.NewGuid());
        App.Users.GetByIdAsync(_user.Id, Arg.Any<CancellationToken>()).Returns(_ => _user);
        App.RuntimeSettings.GetAsync(Arg.Any<CancellationToken>()).Returns(RuntimeSettings.Defaults);
        App.Resources.StoredBytesOfAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(_ => _storedBytes);
        App.Resources.When(r => r.Add(Arg.Any<SharedResource>())).Do(c => _added.Add(c.Arg<SharedResource>()));
        App.Resources.GetAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(c => _added.FirstOrDefault(r => r.Id == c.Arg<Guid>()));
        _storage.SaveAsync(Arg.Any<string>(), Arg.Any<Stream>(), Arg.Any<CancellationToken>()).Returns(async c =>
        {
            using var copy = new MemoryStream();
            await c.Arg<Stream>().CopyToAsync(copy, c.Arg<CancellationToken>());
            _files[c.Arg<string>()] = copy.ToArray();
            return copy.Length;
        });
        _storage.DeleteAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(c =>
        {
            _files.Remove(c.Arg<string>());
            return Task.CompletedTask;
        });
        App.Jobs.When(j => j.Enqueue(Arg.Any<IJob>(), Arg.Any<DateTimeOffset?>())).Do(c => _enqueued.Add(c.Arg<IJob>()));
    }

    [Test]
    public async Task A_shared_file_is_stored_under_a_server_key_as_version_one_and_only_audio_is_queued_for_probing()
    {
        var dto = await App.SendAsync(new CreateResourceCommand(new MemoryStream(Zip), "../../etc/Pads.zip", Zip.Length, Kind: "preset", Tags: "Pads, pads"));
        byte[] wav = [.. "RIFF\0\0\0\0WAVEfmt "u8.ToArray(), .. new byte[50]];
        await App.SendAsync(new CreateResourceCommand(new MemoryStream(wav), "kick.wav", wav.Length, Kind: "sample"));

        var resource = _added[0];
        Assert.Multiple(() =>
        {
            Assert.That(dto.Title, Is.EqualTo("Pads"));
            Assert.That(dto.Latest.FileName, Is.EqualTo("Pads.zip"), "no path kept");
            Assert.That(dto.Tags, Is.EqualTo(new[] { "pads" }));
            Assert.That(resource.Latest.StorageKey, Does.StartWith(ResourceFiles.Folder(resource.Id) + "/"));
            Assert.That(_files[resource.Latest.StorageKey], Is.EqualTo(Zip));
            Assert.That(_enqueued, Has.Count.EqualTo(1));
            Assert.That(_enqueued.Single(), Is.TypeOf<ProbeResourceAudioJob>().And.Property(nameof(ProbeResourceAudioJob.Format)).EqualTo(AudioFormat.Wav));
        });
    }

    [Test]
    public async Task An_upload_announced_over_the_quota_is_refused_before_anything_is_stored()
    {
        _storedBytes = RuntimeSettings.Defaults.UploadQuotaFor(Plan.Free) - 5;

        Assert.ThrowsAsync<QuotaExceededException>(() => App.SendAsync(new CreateResourceCommand(new MemoryStream(Zip), "pads.zip", Zip.Length, Kind: "preset")));
        await _storage.DidNotReceiveWithAnyArgs().SaveAsync(default!, default!, default);
        Assert.That(_added, Is.Empty);
    }

    [Test]
    public void A_file_over_the_resource_size_limit_is_413_even_when_not_announced()
    {
        Assert.ThrowsAsync<FileTooLargeException>(() => App.SendAsync(new CreateResourceCommand(new MemoryStream(new byte[1001]), "big.bin", null, Kind: "other")));

        Assert.That(_files, Is.Empty, "what was stored is removed");
    }

    [Test]
    public void A_program_is_refused_and_its_bytes_removed()
    {
        byte[] exe = [0x4D, 0x5A, 0x90, 0x00, 3, 0, 0, 0];

        Assert.ThrowsAsync<UnsupportedMediaTypeException>(() => App.SendAsync(new CreateResourceCommand(new MemoryStream(exe), "preset.fxp", exe.Length, Kind: "preset")));

        Assert.That((_files, _added), Is.EqualTo((new Dictionary<string, byte[]>(), new List<SharedResource>())));
    }

    [Test]
    public async Task An_editor_changes_the_fields_but_not_who_may_see_the_resource()
    {
        var owner = Guid.NewGuid();
        var resource = SharedResource.Create(Guid.NewGuid(), owner, ResourceDetails.Checked("Stems", null, ResourceKind.Stem, [], ResourceVisibility.Shared),
            new StoredResourceFile("resources/x/y", "a.zip", ResourceFileTypes.Binary, 10, new string('a', 64)), ApplicationHarness.Now);
        resource.Grant(_user.Id, ResourcePermissionLevel.Edit, ApplicationHarness.Now);
        _added.Add(resource);
        _readModel.ProjectAsync(Arg.Any<SharedResource>(), Arg.Any<ResourceAccess>(), Arg.Any<CancellationToken>())
            .Returns(c => ResourceProjection.ToDto(c.Arg<SharedResource>(), "owner_ola", c.Arg<ResourceAccess>(), downloadCount: 0));

        Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new UpdateResourceCommand(resource.Id, Visibility: "public")));
        var edited = await App.SendAsync(new UpdateResourceCommand(resource.Id, Title: "Stems v2"));

        Assert.Multiple(() =>
        {
            Assert.That((edited.Title, edited.Visibility, edited.Access), Is.EqualTo(("Stems v2", ResourceVisibility.Shared, ResourceAccess.Edit)));
            Assert.That(edited.Owner.Username, Is.EqualTo("owner_ola"));
        });
    }
}
