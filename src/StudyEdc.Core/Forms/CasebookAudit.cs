using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Queries;
using StudyEdc.Core.Signatures;

namespace StudyEdc.Core.Forms;

/// <summary>Values of <see cref="AuditEntry.EntityType"/> for the casebook records after the participant form.</summary>
public static class CasebookAuditEntityTypes
{
    public const string Clinical = "ClinicalCrf";
    public const string Lesion = "Lesion";
    public const string Exclusion = "Exclusion";
    public const string AdjudicationCase = "AdjudicationCase";
    public const string AdjudicationRead = "AdjudicationRead";
    public const string Query = "DataQuery";
    public const string QueryMessage = "DataQueryMessage";
    public const string Signature = "CasebookSignature";

    /// <summary>Record types whose changes are changes of the participant's data, so they void a signature.</summary>
    public static IReadOnlyList<string> DataForms { get; } = [AuditEntityTypes.Participant, Clinical, Lesion, Exclusion];

    internal static string For(ICasebookRecord record) => record switch
    {
        ClinicalCrf => Clinical,
        Lesions.Lesion => Lesion,
        Exclusions.Exclusion => Exclusion,
        Adjudication.AdjudicationCase => AdjudicationCase,
        Adjudication.AdjudicationRead => AdjudicationRead,
        DataQuery => Query,
        DataQueryMessage => QueryMessage,
        CasebookSignature => Signature,
        _ => throw new InvalidOperationException($"{record.GetType().Name} has no audit entity type."),
    };
}

/// <summary>
/// Saves casebook records with their audit entries. <see cref="Data.StudyDbContext"/> audits participants and
/// sites itself; this adds the same per-field entries for every <see cref="ICasebookRecord"/>, appended to the one
/// hash chain in the same transaction as the change.
/// </summary>
internal static class CasebookAudit
{
    // Bookkeeping columns that change on every save and carry no study information of their own.
    private static readonly HashSet<string> IgnoredProperties =
        [nameof(CrfRecord.Version), nameof(CrfRecord.UpdatedAtUtc), nameof(CrfRecord.CreatedAtUtc)];

    /// <summary>
    /// Saves every pending change, writing one audit entry per changed field of each casebook record, with
    /// <paramref name="caller"/> as the actor and <paramref name="reason"/> as the reason. Returns false, with the
    /// change tracker cleared and nothing written, when a concurrency token shows someone else saved first.
    /// </summary>
    public static async Task<bool> SaveAsync(Data.StudyDbContext db, StudyCaller caller, string? reason, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            // Lock the chain first, as every audited save does, so concurrent writers take locks in one order.
            await db.LockAuditChainAsync(cancellationToken).ConfigureAwait(false);

            // Changed and deleted values are read before the save. Values of added records are read after it,
            // because generated keys and foreign keys to other new records are known only then.
            db.ChangeTracker.DetectChanges();
            var changes = db.ChangeTracker.Entries()
                .Where(e => e.Entity is ICasebookRecord && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                .Select(e => new CapturedChange(e, e.State, e.State == EntityState.Added ? [] : Capture(e, e.State)))
                .ToList();

            db.UseAuditContext(caller, reason);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

            // Keys of added records are known now.
            var entries = changes.SelectMany(c => c.ToAuditEntries(caller, reason)).ToList();
            if (entries.Count > 0)
            {
                // Placeholder keys keep the new rows apart while tracked; the context numbers them in the chain.
                for (var i = 0; i < entries.Count; i++)
                {
                    entries[i].Id = -(i + 1);
                }

                db.AuditEntries.AddRange(entries);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                foreach (var entry in entries)
                {
                    db.Entry(entry).State = EntityState.Detached;
                }
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Sets the concurrency check of an update: the stored version must still be <paramref name="expectedVersion"/>,
    /// and the record gets a new version and update time.
    /// </summary>
    public static void PrepareUpdate(Data.StudyDbContext db, CrfRecord record, Guid expectedVersion, DateTime nowUtc)
    {
        db.Entry(record).Property(r => r.Version).OriginalValue = expectedVersion;
        record.Version = Guid.NewGuid();
        record.UpdatedAtUtc = nowUtc;
    }

    private static List<(string Field, string? Old, string? New)> Capture(EntityEntry entry, EntityState state)
    {
        var fields = new List<(string Field, string? Old, string? New)>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (property.Metadata.IsPrimaryKey() || IgnoredProperties.Contains(name))
            {
                continue;
            }

            var before = state == EntityState.Added ? null : AuditValueFormatter.Format(property.OriginalValue);
            var after = state == EntityState.Deleted ? null : AuditValueFormatter.Format(property.CurrentValue);
            var changed = state switch
            {
                EntityState.Added => after is not null,
                EntityState.Deleted => before is not null,
                _ => property.IsModified && !string.Equals(before, after, StringComparison.Ordinal),
            };
            if (changed)
            {
                fields.Add((name, before, after));
            }
        }

        return fields;
    }

    private sealed record CapturedChange(EntityEntry Entry, EntityState State, List<(string Field, string? Old, string? New)> Fields)
    {
        public IEnumerable<AuditEntry> ToAuditEntries(StudyCaller caller, string? reason)
        {
            var record = (ICasebookRecord)Entry.Entity;
            var entityType = CasebookAuditEntityTypes.For(record);
            var entityId = AuditValueFormatter.Format(record.Id) ?? "";
            var trimmedReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            var fields = State == EntityState.Added ? Capture(Entry, EntityState.Added) : Fields;

            foreach (var (field, oldValue, newValue) in fields)
            {
                yield return new AuditEntry
                {
                    UserId = caller.UserId,
                    UserName = caller.UserName,
                    SiteId = record.SiteId,
                    EntityType = entityType,
                    EntityId = entityId,
                    Field = field,
                    OldValue = oldValue,
                    NewValue = newValue,
                    Action = State switch
                    {
                        EntityState.Added => AuditAction.Create,
                        EntityState.Deleted => AuditAction.Delete,
                        _ when field == nameof(CrfRecord.Status) => AuditAction.StatusChange,
                        _ => AuditAction.Update,
                    },
                    Reason = trimmedReason,
                };
            }
        }
    }
}
