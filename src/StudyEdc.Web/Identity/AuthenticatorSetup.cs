using System.Globalization;
using System.Text;
using QRCoder;

namespace StudyEdc.Web.Identity;

/// <summary>The otpauth URI and QR code that an authenticator app scans to set up TOTP sign-in.</summary>
internal static class AuthenticatorSetup
{
    private const string Issuer = "StudyEdc";

    /// <summary>Returns the key in groups of four characters, easier to type than one long string.</summary>
    public static string FormatKey(string unformattedKey)
    {
        var result = new StringBuilder();
        for (var position = 0; position < unformattedKey.Length; position += 4)
        {
            if (position > 0)
            {
                result.Append(' ');
            }

            result.Append(unformattedKey.AsSpan(position, Math.Min(4, unformattedKey.Length - position)));
        }

        return result.ToString().ToLowerInvariant();
    }

    /// <summary>Returns the key URI format understood by authenticator apps (TOTP, SHA-1, 6 digits, 30 s).</summary>
    public static string BuildUri(string userName, string unformattedKey) =>
        string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(userName)}?secret={unformattedKey}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");

    /// <summary>Returns the QR code of <paramref name="uri"/> as a PNG data URI for an img element.</summary>
    public static string QrCodeDataUri(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
