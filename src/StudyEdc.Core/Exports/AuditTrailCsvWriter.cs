using Microsoft.EntityFrameworkCore;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Data;
using StudyEdc.Reports.Csv;

namespace StudyEdc.Core.Exports;

/// <summary>
/// Writes the audit trail as CSV (UTF-8 with BOM) in chain order, reading it in batches so that a long trail never
/// sits in memory at once. Each row has the fields as <see cref="AuditHasher"/> formats them for hashing (times as
/// ISO 8601 UTC with microseconds), then the hash.
/// NOTE: CSV writes a null field and an empty text alike, so a row cannot always be rehashed from the file alone.
/// </summary>
internal static class AuditTrailCsvWriter
{
    public const string FileName = "audit_trail.csv";

    private const int BatchSize = 2000;

    private static readonly string[] Header =
    [
        "id", "timestamp_utc", "user_id", "user_name", "site_id", "entity_type", "entity_id", "field", "old_value",
        "new_value", "action", "reason", "previous_hash", "hash",
    ];

    /// <summary>
    /// Writes the entries of <paramref name="siteIds"/>, or every entry (study-wide and account events included)
    /// when it is null.
    /// </summary>
    /// <returns>The number of entries written.</returns>
    public static async Task<int> WriteAsync(StudyDbContext db, IReadOnlyCollection<int>? siteIds, Stream output, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (siteIds is not null)
        {
            entries = entries.Where(a => a.SiteId != null && siteIds.Contains(a.SiteId.Value));
        }

        var writer = new CsvWriter(output);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteRecordAsync(Header, cancellationToken).ConfigureAwait(false);
            var count = 0;
            long lastId = 0;
            while (true)
            {
                var batch = await entries.Where(a => a.Id > lastId).OrderBy(a => a.Id).Take(BatchSize)
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                foreach (var entry in batch)
                {
                    await writer.WriteRecordAsync(Record(entry), cancellationToken).ConfigureAwait(false);
                }

                count += batch.Count;
                if (batch.Count < BatchSize)
                {
                    return count;
                }

                lastId = batch[^1].Id;
            }
        }
    }

    private static string?[] Record(AuditEntry entry) => [.. AuditHasher.CanonicalFields(entry), entry.Hash];
}
