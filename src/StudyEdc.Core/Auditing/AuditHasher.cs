using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StudyEdc.Core.Auditing;

/// <summary>
/// The canonical serialization and SHA-256 hash of an audit entry. Fields are written in a fixed order, formatted
/// with the invariant culture, each as "~" for null or as its length in UTF-16 code units, ":" and the text, then
/// ";". Length prefixes make the encoding unambiguous without escaping, so the hash depends neither on the UI
/// culture, the database provider, the machine nor a serializer's escaping rules.
/// </summary>
public static class AuditHasher
{
    /// <summary>The previous hash of the first entry in the chain.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Serializes the fields that the hash covers: every column except <see cref="AuditEntry.Hash"/>.</summary>
    public static string Canonicalize(AuditEntry entry)
    {
        var builder = new StringBuilder(256);
        foreach (var field in CanonicalFields(entry))
        {
            if (field is null)
            {
                builder.Append("~;");
                continue;
            }

            builder.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append(';');
        }

        return builder.ToString();
    }

    /// <summary>
    /// Returns the fields that the hash covers, in hash order, as the invariant text that is hashed (null stays null).
    /// The audit trail export writes these same texts.
    /// </summary>
    public static string?[] CanonicalFields(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);

        return
        [
            entry.Id.ToString(CultureInfo.InvariantCulture),
            FormatTimestamp(entry.TimestampUtc),
            entry.UserId,
            entry.UserName,
            entry.SiteId?.ToString(CultureInfo.InvariantCulture),
            entry.EntityType,
            entry.EntityId,
            entry.Field,
            entry.OldValue,
            entry.NewValue,
            entry.Action.ToString(),
            entry.Reason,
            entry.PreviousHash,
        ];
    }

    public static string ComputeHash(AuditEntry entry)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(Canonicalize(entry)));
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>
    /// Drops the sub-microsecond ticks: PostgreSQL stores microseconds, and a stored time must hash the same
    /// after the round trip.
    /// </summary>
    public static DateTime TruncateToMicroseconds(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);

    private static string FormatTimestamp(DateTime utc) =>
        utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);
}
