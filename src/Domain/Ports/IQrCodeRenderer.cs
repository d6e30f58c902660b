namespace Veza.Domain.Ports;

/// <summary>Draws text as a QR code (the otpauth:// URI an authenticator app scans).</summary>
public interface IQrCodeRenderer
{
    /// <returns>A PNG image.</returns>
    byte[] RenderPng(string text);
}
