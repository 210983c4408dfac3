using System.Security.Cryptography;
using System.Text;

namespace StudyEdc.Core.Exports;

/// <summary>
/// Pseudonymous subject ids for de-identified exports: "P-" and the first 12 hexadecimal digits of
/// HMAC-SHA256(key, Study ID). Without the key the pseudonym cannot be turned back into a Study ID, and 48 bits
/// make a collision among the study's 5000 participants improbable (about 4 in 100 million).
/// </summary>
internal sealed class SubjectPseudonyms
{
    private const int MinimumKeyBytes = 16;

    private readonly byte[] _key;

    private SubjectPseudonyms(byte[] key) => _key = key;

    /// <summary>Creates the pseudonyms from a configured Base64 key, or from a random key when none is configured.</summary>
    /// <exception cref="InvalidOperationException">The configured key is not Base64 or is shorter than 16 bytes.</exception>
    public static SubjectPseudonyms Create(string? configuredKey)
    {
        if (string.IsNullOrWhiteSpace(configuredKey))
        {
            return new SubjectPseudonyms(RandomNumberGenerator.GetBytes(32));
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(configuredKey);
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException(
                $"{ExportOptions.SectionName}:{nameof(ExportOptions.PseudonymKey)} is not valid Base64. Generate one with "
                + "'openssl rand -base64 32'.", exception);
        }

        if (key.Length < MinimumKeyBytes)
        {
            throw new InvalidOperationException(
                $"{ExportOptions.SectionName}:{nameof(ExportOptions.PseudonymKey)} has {key.Length} bytes; use at least "
                + $"{MinimumKeyBytes}, for example 'openssl rand -base64 32'.");
        }

        return new SubjectPseudonyms(key);
    }

    public string For(string studyId)
    {
        var hash = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(studyId));
        return "P-" + Convert.ToHexString(hash, 0, 6);
    }
}
