using QRCoder;
using Veza.Domain.Ports;

namespace Veza.Infrastructure.Mfa;

/// <summary>QRCoder's PNG writer: managed code only, no imaging library.</summary>
internal sealed class QrCoderPngRenderer : IQrCodeRenderer
{
    private const int PixelsPerModule = 6;

    public byte[] RenderPng(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(PixelsPerModule);
    }
}
