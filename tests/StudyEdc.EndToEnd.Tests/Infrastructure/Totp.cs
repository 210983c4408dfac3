using System.Security.Cryptography;

namespace StudyEdc.EndToEnd.Tests.Infrastructure;

/// <summary>RFC 6238 time-based one-time passwords (HMAC-SHA1, 30-second steps, 6 digits), as authenticator apps compute them.</summary>
internal static class Totp
{
    public static string Compute(string base32Key, DateTimeOffset time)
    {
        var key = DecodeBase32(base32Key);
        var counter = time.ToUnixTimeSeconds() / 30;
        Span<byte> message = stackalloc byte[8];
        for (var index = 7; index >= 0; index--)
        {
            message[index] = (byte)(counter & 0xFF);
            counter >>= 8;
        }

        // SHA-1 is what the TOTP standard and ASP.NET Core Identity's authenticator token provider use.
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(key, message);
#pragma warning restore CA5350

        // Dynamic truncation (RFC 4226, section 5.3): the low nibble of the last byte picks four bytes.
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] DecodeBase32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var character in text.ToUpperInvariant().Where(c => c is not (' ' or '=')))
        {
            var value = Alphabet.IndexOf(character, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{character}' is not a base32 character.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)((buffer >> bits) & 0xFF));
            }
        }

        return [.. bytes];
    }
}
