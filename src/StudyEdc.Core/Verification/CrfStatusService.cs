using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Data;
using StudyEdc.Core.Exclusions;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Resources;

namespace StudyEdc.Core.Verification;

internal sealed partial class CrfStatusService(
    StudyDbContext db,
    IParticipantService participants,
    TimeProvider timeProvider,
    ILogger<CrfStatusService> logger) : ICrfStatusService
{
    public async Task<ServiceResult<CasebookForm>> ChangeStatusAsync(StudyCaller caller, string formKey, int recordId, FormStatus target, Guid expectedVersion, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        // The participant form keeps its own service and rules.
        if (formKey == CrfForms.ParticipantKey)
        {
            var changed = await participants.ChangeStatusAsync(caller, recordId, target, expectedVersion, reason, cancellationToken).ConfigureAwait(false);
            return changed.Succeeded
                ? ServiceResult<CasebookForm>.Success(new CasebookForm(formKey, recordId, null, changed.Value!.Status, changed.Value.UpdatedAtUtc, changed.Value.Version))
                : ServiceResult<CasebookForm>.Fail(changed.Failure, [.. changed.Errors]);
        }

        CrfRecord? record = formKey switch
        {
            CrfForms.ClinicalKey => await CasebookAccess.Scoped(db.Set<ClinicalCrf>(), caller).SingleOrDefaultAsync(r => r.Id == recordId, cancellationToken).ConfigureAwait(false),
            CrfForms.LesionKey => await CasebookAccess.Scoped(db.Set<Lesion>(), caller).SingleOrDefaultAsync(r => r.Id == recordId, cancellationToken).ConfigureAwait(false),
            CrfForms.ExclusionKey => await CasebookAccess.Scoped(db.Set<Exclusion>(), caller).SingleOrDefaultAsync(r => r.Id == recordId, cancellationToken).ConfigureAwait(false),
            _ => null,
        };
        if (record is null)
        {
            return ServiceResult<CasebookForm>.Fail(ServiceFailure.NotFound);
        }

        // The transition must exist and be the caller's to make.
        var from = record.Status;
        if (from == target)
        {
            return Invalid("StatusUnchanged", CoreMessages.Format("StatusUnchanged", CoreMessages.StatusName(from)));
        }

        var transition = FormStatusRules.Find(from, target);
        if (transition is null)
        {
            var next = FormStatusRules.NextStatuses(from).Select(CoreMessages.StatusName).ToList();
            return Invalid("StatusTransitionInvalid", CoreMessages.Format("StatusTransitionInvalid", CoreMessages.StatusName(from), CoreMessages.StatusName(target),
                next.Count > 0 ? string.Join(", ", next) : CoreMessages.Get("NoTransitions")));
        }

        if (!transition.Roles.Any(caller.IsInRole))
        {
            return ServiceResult<CasebookForm>.Fail(ServiceFailure.Forbidden, new ValidationError("Status", "StatusTransitionForbidden",
                CoreMessages.Format("StatusTransitionForbidden", CoreMessages.StatusName(from), CoreMessages.StatusName(target),
                    string.Join(", ", transition.Roles.Select(CoreMessages.RoleName)))));
        }

        if (record.Version != expectedVersion)
        {
            return ServiceResult<CasebookForm>.Fail(ServiceFailure.Conflict, CasebookAccess.Conflict());
        }

        // A form is complete only when every rule for a complete form holds.
        var participant = await db.Participants.SingleAsync(p => p.Id == record.ParticipantId, cancellationToken).ConfigureAwait(false);
        var errors = target == FormStatus.Complete ? await ValidateCompleteAsync(participant, record, cancellationToken).ConfigureAwait(false) : [];
        var reasonError = ChangeReason.Validate(reason, transition.ReasonRequired,
            () => CoreMessages.Format("ReasonRequiredForStatus", CoreMessages.StatusName(from), CoreMessages.StatusName(target)));
        if (reasonError is not null)
        {
            errors.Add(reasonError);
        }

        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return ServiceResult<CasebookForm>.Fail(ServiceFailure.Invalid, [.. errors]);
        }

        record.Status = target;
        CasebookAudit.PrepareUpdate(db, record, expectedVersion, timeProvider.GetUtcNow().UtcDateTime);
        if (!await CasebookAudit.SaveAsync(db, caller, reason, cancellationToken).ConfigureAwait(false))
        {
            return ServiceResult<CasebookForm>.Fail(ServiceFailure.Conflict, CasebookAccess.Conflict());
        }

        LogStatusChanged(formKey, recordId, from, target);
        return ServiceResult<CasebookForm>.Success(ToForm(formKey, record));
    }

    public async Task<IReadOnlyList<CasebookForm>> ListFormsAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var participant = await CasebookAccess.ScopedParticipants(db, caller).AsNoTracking()
            .SingleOrDefaultAsync(p => p.Id == participantId, cancellationToken).ConfigureAwait(false);
        return participant is null ? [] : ToForms(await LoadCasebookAsync(participant, tracked: false, cancellationToken).ConfigureAwait(false));
    }

    public Task<ServiceResult<IReadOnlyList<CasebookForm>>> LockCasebookAsync(StudyCaller caller, int participantId, string? reason, CancellationToken cancellationToken = default) =>
        MoveCasebookAsync(caller, participantId, FormStatus.Verified, FormStatus.Locked, reason, cancellationToken);

    public Task<ServiceResult<IReadOnlyList<CasebookForm>>> UnlockCasebookAsync(StudyCaller caller, int participantId, string? reason, CancellationToken cancellationToken = default) =>
        MoveCasebookAsync(caller, participantId, FormStatus.Locked, FormStatus.Verified, reason, cancellationToken);

    private async Task<ServiceResult<IReadOnlyList<CasebookForm>>> MoveCasebookAsync(StudyCaller caller, int participantId, FormStatus from, FormStatus target, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var participant = await CasebookAccess.FindParticipantAsync(db, caller, participantId, cancellationToken).ConfigureAwait(false);
        if (participant is null)
        {
            return ServiceResult<IReadOnlyList<CasebookForm>>.Fail(ServiceFailure.NotFound);
        }

        var transition = FormStatusRules.Find(from, target)!;
        if (!transition.Roles.Any(caller.IsInRole))
        {
            return ServiceResult<IReadOnlyList<CasebookForm>>.Fail(ServiceFailure.Forbidden, new ValidationError("Status", "StatusTransitionForbidden",
                CoreMessages.Format("StatusTransitionForbidden", CoreMessages.StatusName(from), CoreMessages.StatusName(target),
                    string.Join(", ", transition.Roles.Select(CoreMessages.RoleName)))));
        }

        // Every form must be in the starting status; the message lists those that are not.
        var casebook = await LoadCasebookAsync(participant, tracked: true, cancellationToken).ConfigureAwait(false);
        var errors = new List<ValidationError>();
        var notReady = casebook.Records.Where(r => r.Record.Status != from).Select(r => FormName(r.FormKey, r.Number)).ToList();
        if (participant.Status != from)
        {
            notReady.Insert(0, FormName(CrfForms.ParticipantKey, null));
        }

        if (notReady.Count > 0)
        {
            errors.Add(new ValidationError("Status", "CasebookFormsNotInStatus", CrfMessages.Format("CasebookFormsNotInStatus",
                CoreMessages.StatusName(from), string.Join(", ", notReady), CoreMessages.StatusName(target))));
        }

        var reasonError = ChangeReason.Validate(reason, required: true,
            () => CoreMessages.Format("ReasonRequiredForStatus", CoreMessages.StatusName(from), CoreMessages.StatusName(target)));
        if (reasonError is not null)
        {
            errors.Add(reasonError);
        }

        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return ServiceResult<IReadOnlyList<CasebookForm>>.Fail(ServiceFailure.Invalid, [.. errors]);
        }

        // Move every form in one transaction; the participant form is audited by the context itself.
        var now = timeProvider.GetUtcNow().UtcDateTime;
        participant.Status = target;
        participant.Version = Guid.NewGuid();
        participant.UpdatedAtUtc = now;
        foreach (var (_, _, record) in casebook.Records)
        {
            record.Status = target;
            CasebookAudit.PrepareUpdate(db, record, record.Version, now);
        }

        if (!await CasebookAudit.SaveAsync(db, caller, reason, cancellationToken).ConfigureAwait(false))
        {
            return ServiceResult<IReadOnlyList<CasebookForm>>.Fail(ServiceFailure.Conflict, CasebookAccess.Conflict());
        }

        LogCasebookMoved(participantId, from, target);
        return ServiceResult<IReadOnlyList<CasebookForm>>.Success(ToForms(casebook));
    }

    private async Task<List<ValidationError>> ValidateCompleteAsync(Participant participant, CrfRecord record, CancellationToken cancellationToken) => record switch
    {
        ClinicalCrf clinical => ClinicalCrfRules.Validate(clinical, completing: true),
        Lesion lesion => await LesionService.ValidateAsync(db, timeProvider, participant, lesion, completing: true, cancellationToken).ConfigureAwait(false),
        _ => FieldRules.Validate(CrfForms.Get(FormKeyOf(record)), record, completing: true),
    };

    private async Task<Casebook> LoadCasebookAsync(Participant participant, bool tracked, CancellationToken cancellationToken)
    {
        var id = participant.Id;
        var records = new List<(string FormKey, int? Number, CrfRecord Record)>();
        var clinical = await Query<ClinicalCrf>(tracked).Where(r => r.ParticipantId == id).ToListAsync(cancellationToken).ConfigureAwait(false);
        records.AddRange(clinical.Select(r => (CrfForms.ClinicalKey, (int?)null, (CrfRecord)r)));
        var lesions = await Query<Lesion>(tracked).Where(r => r.ParticipantId == id).OrderBy(r => r.LesionNumber).ToListAsync(cancellationToken).ConfigureAwait(false);
        records.AddRange(lesions.Select(r => (CrfForms.LesionKey, (int?)r.LesionNumber, (CrfRecord)r)));
        var exclusions = await Query<Exclusion>(tracked).Where(r => r.ParticipantId == id).OrderBy(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        records.AddRange(exclusions.Select(r => (CrfForms.ExclusionKey, (int?)null, (CrfRecord)r)));
        return new Casebook(participant, records);
    }

    private IQueryable<T> Query<T>(bool tracked)
        where T : class => tracked ? db.Set<T>() : db.Set<T>().AsNoTracking();

    private static List<CasebookForm> ToForms(Casebook casebook) =>
    [
        new CasebookForm(CrfForms.ParticipantKey, casebook.Participant.Id, null, casebook.Participant.Status, casebook.Participant.UpdatedAtUtc, casebook.Participant.Version),
        .. casebook.Records.Select(r => ToForm(r.FormKey, r.Record, r.Number)),
    ];

    private static CasebookForm ToForm(string formKey, CrfRecord record, int? number = null) =>
        new(formKey, record.Id, number ?? (record as Lesion)?.LesionNumber, record.Status, record.UpdatedAtUtc, record.Version);

    private static string FormKeyOf(CrfRecord record) => record switch
    {
        ClinicalCrf => CrfForms.ClinicalKey,
        Lesion => CrfForms.LesionKey,
        Exclusion => CrfForms.ExclusionKey,
        _ => throw new InvalidOperationException($"{record.GetType().Name} is not a casebook form."),
    };

    private static string FormName(string formKey, int? number)
    {
        var label = CrfForms.Get(formKey).Label(System.Globalization.CultureInfo.CurrentUICulture);
        return number is null ? label : string.Create(System.Globalization.CultureInfo.CurrentCulture, $"{label} {number}");
    }

    private static ServiceResult<CasebookForm> Invalid(string code, string message) =>
        ServiceResult<CasebookForm>.Fail(ServiceFailure.Invalid, new ValidationError("Status", code, message));

    private sealed record Casebook(Participant Participant, List<(string FormKey, int? Number, CrfRecord Record)> Records);

    [LoggerMessage(EventId = 2601, Level = LogLevel.Information, Message = "{FormKey} {RecordId} moved from {From} to {To}")]
    private partial void LogStatusChanged(string formKey, int recordId, FormStatus from, FormStatus to);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Information, Message = "Casebook of participant {ParticipantId} moved from {From} to {To}")]
    private partial void LogCasebookMoved(int participantId, FormStatus from, FormStatus to);
}
