using Microsoft.EntityFrameworkCore;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Data;
using StudyEdc.Core.Exclusions;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Lesions;

namespace StudyEdc.Core.Forms;

/// <summary>The participant and site that own a record, found by form key and record id.</summary>
internal sealed record RecordOwner(int ParticipantId, int SiteId);

/// <summary>Finds the data-form records of the casebook by form key, within the caller's scope.</summary>
internal static class CasebookRecords
{
    /// <summary>Returns the owner of the record, or null when it does not exist or is outside the caller's scope.</summary>
    public static async Task<RecordOwner?> FindOwnerAsync(StudyDbContext db, StudyCaller caller, string formKey, int recordId, CancellationToken cancellationToken)
    {
        var owners = formKey switch
        {
            CrfForms.ParticipantKey => CasebookAccess.ScopedParticipants(db, caller).Where(p => p.Id == recordId).Select(p => new RecordOwner(p.Id, p.SiteId)),
            CrfForms.ClinicalKey => OwnersOf(CasebookAccess.Scoped(db.Set<ClinicalCrf>(), caller), recordId),
            CrfForms.LesionKey => OwnersOf(CasebookAccess.Scoped(db.Set<Lesion>(), caller), recordId),
            CrfForms.ExclusionKey => OwnersOf(CasebookAccess.Scoped(db.Set<Exclusion>(), caller), recordId),
            _ => null,
        };
        return owners is null ? null : await owners.SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    private static IQueryable<RecordOwner> OwnersOf<T>(IQueryable<T> records, int recordId)
        where T : CrfRecord =>
        records.Where(r => r.Id == recordId).Select(r => new RecordOwner(r.ParticipantId, r.SiteId));
}
