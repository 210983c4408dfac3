using Microsoft.EntityFrameworkCore;
using StudyEdc.Core.Adjudication;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Data;
using StudyEdc.Core.Exclusions;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Queries;
using StudyEdc.Core.Signatures;

namespace StudyEdc.Core.Forms;

/// <summary>
/// The audit trail of one participant's whole casebook: the participant form and every record after it. The
/// participant form alone is listed by <see cref="IAuditTrail.ListForParticipantAsync"/>.
/// </summary>
public interface ICasebookAuditService
{
    /// <summary>
    /// Returns the entries oldest first; empty when the participant is outside the caller's scope or the caller may not
    /// read the casebook. Entries of radiologists' reads are left out for site coordinators, who must not relay them.
    /// </summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default);
}

internal sealed class CasebookAuditService(StudyDbContext db) : ICasebookAuditService
{
    private static readonly IReadOnlyList<string> ReadViewerRoles = [StudyRoles.PrincipalInvestigator, StudyRoles.Administrator, StudyRoles.Monitor];

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var visible = await CasebookAccess.ScopedParticipants(db, caller).AnyAsync(p => p.Id == participantId, cancellationToken).ConfigureAwait(false);
        if (!visible)
        {
            return [];
        }

        var ids = await RecordIdsAsync(db, participantId, cancellationToken).ConfigureAwait(false);
        if (!ReadViewerRoles.Any(caller.IsInRole))
        {
            ids.Remove(CasebookAuditEntityTypes.AdjudicationRead);
        }

        return await EntriesOf(db, ids).OrderBy(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ids, as audit entity ids, of every record of the participant's casebook by audit entity type.</summary>
    internal static async Task<Dictionary<string, List<string>>> RecordIdsAsync(StudyDbContext db, int participantId, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, List<string>>(StringComparer.Ordinal)
        {
            [AuditEntityTypes.Participant] = [AuditValueFormatter.Format(participantId)!],
            [CasebookAuditEntityTypes.Clinical] = await IdsAsync(db.Set<ClinicalCrf>(), participantId, cancellationToken).ConfigureAwait(false),
            [CasebookAuditEntityTypes.Lesion] = await IdsAsync(db.Set<Lesion>(), participantId, cancellationToken).ConfigureAwait(false),
            [CasebookAuditEntityTypes.Exclusion] = await IdsAsync(db.Set<Exclusion>(), participantId, cancellationToken).ConfigureAwait(false),
            [CasebookAuditEntityTypes.AdjudicationCase] = await IdsAsync(db.Set<AdjudicationCase>(), participantId, cancellationToken).ConfigureAwait(false),
            [CasebookAuditEntityTypes.AdjudicationRead] = await IdsAsync(db.Set<AdjudicationRead>(), participantId, cancellationToken).ConfigureAwait(false),
            [CasebookAuditEntityTypes.Query] = await IdsAsync(db.Set<DataQuery>(), participantId, cancellationToken).ConfigureAwait(false),
            [CasebookAuditEntityTypes.QueryMessage] = await IdsAsync(db.Set<DataQueryMessage>(), participantId, cancellationToken).ConfigureAwait(false),
            [CasebookAuditEntityTypes.Signature] = await IdsAsync(db.Set<CasebookSignature>(), participantId, cancellationToken).ConfigureAwait(false),
        };
        return ids;
    }

    /// <summary>Audit entries of the given records (entity type to entity ids).</summary>
    internal static IQueryable<AuditEntry> EntriesOf(StudyDbContext db, Dictionary<string, List<string>> ids)
    {
        var entries = db.AuditEntries.AsNoTracking().Where(a => false);
        foreach (var (entityType, entityIds) in ids.Where(pair => pair.Value.Count > 0))
        {
            entries = entries.Union(db.AuditEntries.AsNoTracking().Where(a => a.EntityType == entityType && entityIds.Contains(a.EntityId)));
        }

        return entries;
    }

    private static async Task<List<string>> IdsAsync<T>(IQueryable<T> records, int participantId, CancellationToken cancellationToken)
        where T : class, ICasebookRecord
    {
        var ids = await records.Where(r => r.ParticipantId == participantId).Select(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return ids.Select(id => AuditValueFormatter.Format(id)!).ToList();
    }
}
