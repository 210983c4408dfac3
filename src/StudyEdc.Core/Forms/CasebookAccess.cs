using Microsoft.EntityFrameworkCore;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Resources;

namespace StudyEdc.Core.Forms;

/// <summary>
/// Who may see and change casebook records. Every query is scoped by the caller's site: a record of another
/// site is reported as not found, exactly like a record that does not exist.
/// </summary>
internal static class CasebookAccess
{
    /// <summary>
    /// Roles that read the casebook. Radiologists are left out because the casebook holds the reference standard
    /// and other readers' work, which their blinded reads must not see; DSMC members see only exports.
    /// </summary>
    public static IReadOnlyList<string> ReaderRoles { get; } =
        [StudyRoles.SiteCoordinator, StudyRoles.PrincipalInvestigator, StudyRoles.Administrator, StudyRoles.Monitor];

    public static bool CanRead(StudyCaller caller) => ReaderRoles.Any(caller.IsInRole);

    /// <summary>Records of the caller's site (all sites for all-site roles); none for callers that may not read the casebook.</summary>
    public static IQueryable<T> Scoped<T>(IQueryable<T> records, StudyCaller caller)
        where T : class, ICasebookRecord
    {
        if (!CanRead(caller))
        {
            return records.Where(r => false);
        }

        if (caller.HasAllSites)
        {
            return records;
        }

        var siteId = caller.SiteId;
        return siteId is null ? records.Where(r => false) : records.Where(r => r.SiteId == siteId);
    }

    /// <summary>Participants whose casebook the caller may read.</summary>
    public static IQueryable<Participant> ScopedParticipants(StudyDbContext db, StudyCaller caller)
    {
        if (!CanRead(caller))
        {
            return db.Participants.Where(p => false);
        }

        if (caller.HasAllSites)
        {
            return db.Participants;
        }

        var siteId = caller.SiteId;
        return siteId is null ? db.Participants.Where(p => false) : db.Participants.Where(p => p.SiteId == siteId);
    }

    /// <summary>Loads the participant (tracked) when the caller may read its casebook, otherwise null.</summary>
    public static Task<Participant?> FindParticipantAsync(StudyDbContext db, StudyCaller caller, int participantId, CancellationToken cancellationToken) =>
        ScopedParticipants(db, caller).SingleOrDefaultAsync(p => p.Id == participantId, cancellationToken);

    public static ValidationError RoleCannotEnterData() => new("", "RoleCannotEnterData", CrfMessages.Get("RoleCannotEnterData"));

    public static ValidationError Conflict() => new("", "Conflict", CrfMessages.Get("Conflict"));

    /// <summary>The error of an edit to a locked form, or to any form of a participant whose participant form is locked.</summary>
    public static ValidationError Locked(string studyId) => new("", "FormLocked", CrfMessages.Format("FormLocked", studyId));
}
