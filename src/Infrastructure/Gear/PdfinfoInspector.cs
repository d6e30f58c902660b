using System.Globalization;
using Microsoft.Extensions.Options;
using Veza.Domain.Gear;
using Veza.Infrastructure.Media;

namespace Veza.Infrastructure.Gear;

/// <summary>
/// <see cref="IPdfInspector"/> with poppler's pdfinfo (Debian's poppler-utils): the PDF is copied to a private
/// temporary file and pdfinfo reads its "Pages:" line, under the media tools' timeout. No pdfinfo, a damaged file
/// or a timeout: the page count is unknown (null), the upload itself is not refused for it.
/// </summary>
public sealed class PdfinfoInspector(IOptions<GearOptions> options, IOptions<MediaOptions> media) : IPdfInspector
{
    public async Task<int?> PageCountAsync(Stream pdf, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "veza-pdf-" + Guid.NewGuid().ToString("N") + ".pdf");
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await pdf.CopyToAsync(file, cancellationToken);
            }

            var outcome = await ExternalProcess.RunAsync(options.Value.PdfinfoPath, [path], media.Value.ProcessTimeout, cancellationToken);
            if (outcome.ExitCode != 0)
            {
                return null;
            }

            var line = outcome.StandardOutput.Split('\n').FirstOrDefault(l => l.StartsWith("Pages:", StringComparison.Ordinal));
            return line is not null && int.TryParse(line["Pages:".Length..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pages) ? pages : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
