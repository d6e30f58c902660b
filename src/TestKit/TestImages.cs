using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Veza.TestKit;

/// <summary>
/// Real images for avatar tests, made by ffmpeg itself (its lavfi test pattern), with EXIF and GPS
/// written by exiftool; and the same tools to inspect what the product stored.
/// </summary>
public static class TestImages
{
    /// <summary>An image of <paramref name="extension"/> (png, jpg, webp); with GPS, camera and author tags when <paramref name="withMetadata"/>.</summary>
    public static async Task<byte[]> MakeAsync(string extension, int width, int height, bool withMetadata = false, string pattern = "testsrc")
    {
        var path = Path.Combine(Path.GetTempPath(), $"veza-test-{Guid.NewGuid():N}.{extension}");
        try
        {
            var arguments = new List<string>
            {
                "-v", "error", "-y", "-f", "lavfi", "-i", $"{pattern}=size={width}x{height}", "-frames:v", "1",
            };
            if (pattern == "color")
            {
                arguments[6] = $"color=c=gray:size={width}x{height}";
                arguments.AddRange(["-pix_fmt", "gray"]);
            }

            if (extension == "webp")
            {
                arguments.AddRange(["-c:v", "libwebp"]);
            }

            arguments.Add(path);
            await RunAsync("ffmpeg", arguments);
            if (withMetadata)
            {
                await RunAsync("exiftool",
                [
                    "-q", "-overwrite_original", "-GPSLatitude=48.8584", "-GPSLatitudeRef=N", "-GPSLongitude=2.2945", "-GPSLongitudeRef=E",
                    "-Make=TestCam", "-Model=Secret Phone", "-Artist=Nova Secret", "-DateTimeOriginal=2026:01:02 03:04:05", path,
                ]);
            }

            return await File.ReadAllBytesAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Width, height and codec of an image, as ffprobe reads them.</summary>
    public static async Task<(int Width, int Height, string Codec)> ProbeAsync(byte[] image)
    {
        var path = await WriteTempAsync(image);
        try
        {
            var output = await RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height,codec_name", "-of", "csv=p=0", path]);
            var parts = output.Trim().Split(',');
            return (int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture), parts[0]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Every tag exiftool finds in the image, as "Group:Name" keys (file system and composite groups excluded).</summary>
    public static async Task<Dictionary<string, string>> TagsAsync(byte[] image)
    {
        var path = await WriteTempAsync(image);
        try
        {
            var json = await RunAsync("exiftool", ["-j", "-G", "-a", "-u", path]);
            using var document = JsonDocument.Parse(json);
            return document.RootElement[0].EnumerateObject()
                .Where(p => !p.Name.StartsWith("File:", StringComparison.Ordinal) && !p.Name.StartsWith("ExifTool:", StringComparison.Ordinal)
                    && !p.Name.StartsWith("Composite:", StringComparison.Ordinal) && p.Name != "SourceFile")
                .ToDictionary(p => p.Name, p => p.Value.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static async Task<string> RunAsync(string tool, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }

    private static async Task<string> WriteTempAsync(byte[] image)
    {
        var path = Path.Combine(Path.GetTempPath(), $"veza-probe-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(path, image);
        return path;
    }
}
