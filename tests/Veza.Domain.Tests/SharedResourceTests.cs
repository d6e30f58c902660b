using Veza.Domain.Common;
using Veza.Domain.Media;
using Veza.Domain.Resources;

namespace Veza.Domain.Tests;

public class SharedResourceTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly Guid Viewer = Guid.NewGuid();
    private static readonly Guid Downloader = Guid.NewGuid();
    private static readonly Guid Editor = Guid.NewGuid();
    private static readonly Guid Stranger = Guid.NewGuid();
    private static readonly Guid Admin = Guid.NewGuid();

    private static StoredResourceFile File(string name = "pads.zip", long bytes = 100) =>
        new($"resources/x/{Guid.NewGuid():N}", name, new ResourceFileType("zip", "application/zip"), bytes, new string('a', 64));

    private static SharedResource Resource(ResourceVisibility visibility = ResourceVisibility.Shared, string[]? tags = null)
    {
        var resource = SharedResource.Create(Guid.NewGuid(), Owner, ResourceDetails.Checked("Neon pads", null, ResourceKind.Preset, tags ?? ["pads"], visibility), File(), Now);
        resource.Grant(Viewer, ResourcePermissionLevel.View, Now);
        resource.Grant(Downloader, ResourcePermissionLevel.Download, Now);
        resource.Grant(Editor, ResourcePermissionLevel.Edit, Now);
        return resource;
    }

    // Who may do what, by visibility: owner, viewer, downloader, editor, stranger, anonymous, admin.
    [TestCase(ResourceVisibility.Public, ResourceAccess.Own, ResourceAccess.Download, ResourceAccess.Download, ResourceAccess.Edit, ResourceAccess.Download, ResourceAccess.Download)]
    [TestCase(ResourceVisibility.Shared, ResourceAccess.Own, ResourceAccess.View, ResourceAccess.Download, ResourceAccess.Edit, ResourceAccess.None, ResourceAccess.Download)]
    [TestCase(ResourceVisibility.Private, ResourceAccess.Own, ResourceAccess.None, ResourceAccess.None, ResourceAccess.None, ResourceAccess.None, ResourceAccess.Download)]
    public void Access_follows_the_visibility_and_each_grant(
        ResourceVisibility visibility, ResourceAccess owner, ResourceAccess viewer, ResourceAccess downloader, ResourceAccess editor, ResourceAccess stranger, ResourceAccess admin)
    {
        var resource = Resource(visibility);

        Assert.That(
            new[] { resource.AccessFor(Owner, false), resource.AccessFor(Viewer, false), resource.AccessFor(Downloader, false), resource.AccessFor(Editor, false),
                resource.AccessFor(Stranger, false), resource.AccessFor(Admin, true) },
            Is.EqualTo(new[] { owner, viewer, downloader, editor, stranger, admin }));
    }

    [Test]
    public void A_hidden_resource_is_its_owners_and_admins_alone()
    {
        var resource = Resource(ResourceVisibility.Public);

        Assert.That(resource.Hide("copyright", Now), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(resource.AccessFor(Editor, false), Is.EqualTo(ResourceAccess.None));
            Assert.That(resource.AccessFor(Stranger, false), Is.EqualTo(ResourceAccess.None));
            Assert.That(resource.AccessFor(Owner, false), Is.EqualTo(ResourceAccess.Own));
            Assert.That(resource.AccessFor(Admin, true), Is.EqualTo(ResourceAccess.Download));
            Assert.That(resource.Hide("again", Now), Is.False);
        });
    }

    [Test]
    public void Versions_are_numbered_on_and_never_reuse_a_number_and_the_last_one_stays()
    {
        var resource = Resource();
        resource.AddVersion(File("v2.zip", 200), " Brighter pads ", Editor, Now);
        resource.AddVersion(File("v3.zip", 300), null, Owner, Now);

        Assert.That(resource.DeleteVersion(3, Now), Is.EqualTo(DeleteVersionOutcome.Deleted));
        var fourth = resource.AddVersion(File("v4.zip", 400), null, Owner, Now);

        Assert.Multiple(() =>
        {
            Assert.That(resource.Versions.Select(v => v.Number), Is.EqualTo(new[] { 1, 2, 4 }));
            Assert.That((fourth.Number, resource.LatestVersion), Is.EqualTo((4, 4)));
            Assert.That(resource.Versions.Single(v => v.Number == 2).Changelog, Is.EqualTo("Brighter pads"));
            Assert.That(resource.StoredBytes, Is.EqualTo(100 + 200 + 400));
            Assert.That(resource.DeleteVersion(9, Now), Is.EqualTo(DeleteVersionOutcome.NotFound));
        });

        resource.DeleteVersion(4, Now);
        resource.DeleteVersion(1, Now);
        Assert.Multiple(() =>
        {
            Assert.That(resource.LatestVersion, Is.EqualTo(2), "the newest left is the latest");
            Assert.That(resource.DeleteVersion(2, Now), Is.EqualTo(DeleteVersionOutcome.OnlyVersion));
            Assert.That(resource.Versions, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void The_owner_needs_no_grant_and_a_grant_changes_in_place()
    {
        var resource = Resource();

        Assert.Multiple(() =>
        {
            Assert.That(resource.Grant(Owner, ResourcePermissionLevel.View, Now), Is.False);
            Assert.That(resource.Grant(Viewer, ResourcePermissionLevel.Edit, Now), Is.True);
            Assert.That(resource.Permissions.Count(p => p.UserId == Viewer), Is.EqualTo(1));
            Assert.That(resource.AccessFor(Viewer, false), Is.EqualTo(ResourceAccess.Edit));
            Assert.That(resource.Revoke(Viewer, Now), Is.True);
            Assert.That(resource.Revoke(Viewer, Now), Is.False);
            Assert.That(resource.AccessFor(Viewer, false), Is.EqualTo(ResourceAccess.None));
        });
    }

    [Test]
    public void Tag_changes_are_announced_with_what_was_added_and_removed()
    {
        var resource = Resource(tags: ["pads", "synthwave"]);
        resource.TakeDomainEvents();

        resource.Edit(resource.Details with { Tags = ["synthwave", "vital"] }, Now);
        resource.Edit(resource.Details with { Title = "Renamed" }, Now);

        var changed = resource.TakeDomainEvents().OfType<SharedResourceTagsChanged>().Single();
        Assert.That((changed.Added, changed.Removed), Is.EqualTo((new[] { "vital" }, new[] { "pads" })));
    }

    [TestCase("", "A title is 1 to 120 characters.")]
    [TestCase("   ", "A title is 1 to 120 characters.")]
    public void A_blank_title_is_refused(string title, string message) =>
        Assert.That(() => ResourceDetails.Checked(title, null, ResourceKind.Sample, [], ResourceVisibility.Public), Throws.TypeOf<DomainException>().With.Message.EqualTo(message));

    [Test]
    public void A_changelog_over_its_limit_is_refused_and_adds_no_version()
    {
        var resource = Resource();

        Assert.That(() => resource.AddVersion(File(), new string('x', 2001), Owner, Now), Throws.TypeOf<DomainException>());
        Assert.That(resource.Versions, Has.Count.EqualTo(1));
    }

    [TestCase(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, null)]
    [TestCase(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02 }, null)]
    [TestCase(new byte[] { 0x23, 0x21, 0x2F, 0x62, 0x69, 0x6E }, null)]
    [TestCase(new byte[] { 0xCF, 0xFA, 0xED, 0xFE }, null)]
    [TestCase(new byte[] { 0x4D, 0x54, 0x68, 0x64, 0, 0, 0, 6 }, "midi")]
    [TestCase(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14 }, "zip")]
    [TestCase(new byte[] { 0x1F, 0x8B, 0x08 }, "gzip")]
    [TestCase(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37, 0x0A }, "pdf")]
    [TestCase(new byte[] { 0x3C, 0x3F, 0x78, 0x6D, 0x6C }, "binary")]
    [TestCase(new byte[] { 0x43, 0x63, 0x6E, 0x4B, 0x00, 0x00 }, "binary")]
    public void A_files_type_comes_from_its_bytes_and_programs_are_refused(byte[] header, string? type) =>
        Assert.That(ResourceFileTypes.Detect(header)?.Name, Is.EqualTo(type));

    [TestCase("pads.zip", "zip", "pads.zip")]
    [TestCase("Patch.vital", "text", "Patch.vital")]
    [TestCase("manual.html", "pdf", "manual.pdf")]
    [TestCase("kick", "wav", "kick.wav")]
    [TestCase("run.bat", "text", null)]
    [TestCase("setup.MSI", "binary", null)]
    [TestCase("tool.jar", "zip", null)]
    [TestCase("../../x/run.ps1", "text", null)]
    public void A_files_name_takes_its_types_extension_or_keeps_its_own_unless_that_names_a_program(string name, string type, string? kept)
    {
        var detected = type switch
        {
            "zip" => ResourceFileTypes.Detect([0x50, 0x4B, 0x03, 0x04]),
            "text" => ResourceFileTypes.Detect("{\"preset\": 1}"u8),
            "pdf" => ResourceFileTypes.Detect("%PDF-1.7\n"u8),
            "wav" => ResourceFileTypes.Detect("RIFF\0\0\0\0WAVEfmt "u8),
            _ => ResourceFileTypes.Binary,
        };

        Assert.That(ResourceFileTypes.SafeFileName(name, detected!), Is.EqualTo(kept));
    }

    [Test]
    public void A_script_behind_a_byte_order_mark_is_still_a_program() =>
        Assert.That(ResourceFileTypes.Detect([0xEF, 0xBB, 0xBF, .. "#!/bin/sh\n"u8.ToArray()]), Is.Null);

    [Test]
    public void Audio_is_recognised_for_the_pipeline()
    {
        var wav = "RIFF\0\0\0\0WAVEfmt "u8.ToArray();

        var type = ResourceFileTypes.Detect(wav);

        Assert.That((type?.Name, type?.Audio), Is.EqualTo(("wav", (AudioFormat?)AudioFormat.Wav)));
    }
}
