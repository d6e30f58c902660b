using System.Security.Cryptography;
using Veza.Application.Common.Storage;
using Veza.Application.Tracks.Upload;

namespace Veza.Application.Tests;

/// <summary>The pieces of the upload path that need no use case: the inspecting stream and the title a file name gives.</summary>
public class UploadStreamTests
{
    [TestCase(0)]
    [TestCase(10)]
    [TestCase(100_000)]
    public async Task The_stream_passes_every_byte_and_learns_length_hash_and_header(int length)
    {
        var content = new byte[length];
        Random.Shared.NextBytes(content);
        await using var inspected = new InspectingUploadStream(new MemoryStream(content), limit: length, headerLength: 64);
        using var copy = new MemoryStream();

        await inspected.CopyToAsync(copy);

        Assert.Multiple(() =>
        {
            Assert.That(copy.ToArray(), Is.EqualTo(content));
            Assert.That(inspected.BytesRead, Is.EqualTo(length));
            Assert.That(inspected.Completed, Is.True);
            Assert.That(inspected.Header.ToArray(), Is.EqualTo(content.Take(64).ToArray()));
            Assert.That(inspected.Sha256Hex(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(content))));
        });
    }

    [Test]
    public void One_byte_past_the_limit_throws_and_the_hash_is_never_given_for_a_partial_read()
    {
        var inspected = new InspectingUploadStream(new MemoryStream(new byte[1001]), limit: 1000, headerLength: 64);

        var ex = Assert.ThrowsAsync<UploadLimitExceededException>(() => inspected.CopyToAsync(Stream.Null));

        Assert.That(ex!.Limit, Is.EqualTo(1000));
        Assert.Throws<InvalidOperationException>(() => inspected.Sha256Hex());
    }

    [TestCase("Night_Drive.mp3", "Night Drive")]
    [TestCase(@"C:\Users\nova\Music\demo take 2.flac", "demo take 2")]
    [TestCase("../../etc/passwd", "passwd")]
    [TestCase(".mp3", ".mp3")]
    [TestCase("   .wav", "Untitled")]
    [TestCase("tab\tand\u0000nul\u200Bzero-width.ogg", "tab andnulzero-width")]
    [TestCase(null, "Untitled")]
    [TestCase("", "Untitled")]
    public void A_file_name_gives_its_sanitised_stem_as_a_title(string? fileName, string title) =>
        Assert.That(UploadFileNames.TitleFrom(fileName), Is.EqualTo(title));

    [Test]
    public void A_long_file_name_is_cut_to_the_title_limit() =>
        Assert.That(UploadFileNames.TitleFrom(new string('a', 500) + ".mp3"), Has.Length.EqualTo(200));
}
