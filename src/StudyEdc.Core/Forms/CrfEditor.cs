using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Resources;

namespace StudyEdc.Core.Forms;

/// <summary>
/// The save path shared by the casebook CRFs: role, lock and version checks, validation, the reason rule, the
/// withdrawal of a verification on change, and the audited save. It follows the participant form's rules:
/// a complete or verified form needs a reason for every change, and a change to a verified form sends it back
/// to complete so the Monitor verifies it again.
/// </summary>
internal static class CrfEditor
{
    /// <param name="db">The context that tracks <paramref name="record"/>.</param>
    /// <param name="caller">The user making the change.</param>
    /// <param name="participant">The record's participant, loaded with the caller's scope.</param>
    /// <param name="record">A tracked record, or a new one already added to the context.</param>
    /// <param name="expectedVersion">The version the editor loaded; ignored for a new record.</param>
    /// <param name="reason">Why the data changes; required once a saved form is past draft.</param>
    /// <param name="apply">Copies the input onto the record.</param>
    /// <param name="validate">Returns the rule violations of the record; the flag is true when the form is past draft.</param>
    /// <param name="nowUtc">The time of the change.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    public static async Task<ServiceResult<TRecord>> SaveAsync<TRecord>(
        StudyDbContext db,
        StudyCaller caller,
        Participant participant,
        TRecord record,
        Guid? expectedVersion,
        string? reason,
        Action<TRecord> apply,
        Func<TRecord, bool, Task<List<ValidationError>>> validate,
        DateTime nowUtc,
        CancellationToken cancellationToken)
        where TRecord : CrfRecord
    {
        if (!FormStatusRules.CanEnterData(caller))
        {
            return ServiceResult<TRecord>.Fail(ServiceFailure.Forbidden, CasebookAccess.RoleCannotEnterData());
        }

        if (participant.Status == FormStatus.Locked || record.Status == FormStatus.Locked)
        {
            return ServiceResult<TRecord>.Fail(ServiceFailure.Locked, CasebookAccess.Locked(participant.StudyId));
        }

        var isNew = record.Id == 0;
        if (!isNew && record.Version != expectedVersion)
        {
            return ServiceResult<TRecord>.Fail(ServiceFailure.Conflict, CasebookAccess.Conflict());
        }

        // Validate the record as it would be saved, and the reason for changing it (not needed for a new record).
        var reasonRequired = !isNew && record.Status != FormStatus.Draft;
        apply(record);
        var errors = await validate(record, record.Status != FormStatus.Draft).ConfigureAwait(false);
        var reasonError = ChangeReason.Validate(reason, required: reasonRequired,
            () => CrfMessages.Format("ReasonRequired", CoreMessages.StatusName(record.Status)));
        if (reasonError is not null)
        {
            errors.Add(reasonError);
        }

        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return ServiceResult<TRecord>.Fail(ServiceFailure.Invalid, [.. errors]);
        }

        // Save: a change to verified data withdraws the verification.
        if (record.Status == FormStatus.Verified)
        {
            record.Status = FormStatus.Complete;
        }

        if (isNew)
        {
            record.ParticipantId = participant.Id;
            record.SiteId = participant.SiteId;
            record.CreatedAtUtc = nowUtc;
            record.UpdatedAtUtc = nowUtc;
        }
        else
        {
            CasebookAudit.PrepareUpdate(db, record, expectedVersion!.Value, nowUtc);
        }

        var saved = await CasebookAudit.SaveAsync(db, caller, reason, cancellationToken).ConfigureAwait(false);
        return saved
            ? ServiceResult<TRecord>.Success(record)
            : ServiceResult<TRecord>.Fail(ServiceFailure.Conflict, CasebookAccess.Conflict());
    }
}
