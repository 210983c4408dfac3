using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StudyEdc.Core.Data;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Resources;
using StudyEdc.Core.Sites;

namespace StudyEdc.Core.Exclusions;

internal sealed partial class ExclusionService(StudyDbContext db, TimeProvider timeProvider, ILogger<ExclusionService> logger) : IExclusionService
{
    public async Task<IReadOnlyList<ExclusionDetail>> ListAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var exclusions = await CasebookAccess.Scoped(db.Set<Exclusion>(), caller).AsNoTracking()
            .Where(e => e.ParticipantId == participantId).OrderBy(e => e.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return exclusions.Select(ToDetail).ToList();
    }

    public async Task<ServiceResult<ExclusionDetail>> RecordAsync(StudyCaller caller, int participantId, ExclusionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);

        var participant = await CasebookAccess.FindParticipantAsync(db, caller, participantId, cancellationToken).ConfigureAwait(false);
        if (participant is null)
        {
            return ServiceResult<ExclusionDetail>.Fail(ServiceFailure.NotFound);
        }

        var exclusion = new Exclusion();
        db.Add(exclusion);
        return await SaveAsync(caller, participant, exclusion, input, null, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ServiceResult<ExclusionDetail>> UpdateAsync(StudyCaller caller, int exclusionId, ExclusionInput input, Guid expectedVersion, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);

        var exclusion = await CasebookAccess.Scoped(db.Set<Exclusion>(), caller).SingleOrDefaultAsync(e => e.Id == exclusionId, cancellationToken).ConfigureAwait(false);
        if (exclusion is null)
        {
            return ServiceResult<ExclusionDetail>.Fail(ServiceFailure.NotFound);
        }

        var participant = await db.Participants.SingleAsync(p => p.Id == exclusion.ParticipantId, cancellationToken).ConfigureAwait(false);
        return await SaveAsync(caller, participant, exclusion, input, expectedVersion, reason, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ServiceResult<ExclusionDetail>> SaveAsync(StudyCaller caller, Participant participant, Exclusion exclusion, ExclusionInput input, Guid? expectedVersion, string? reason, CancellationToken cancellationToken)
    {
        var timeZoneId = await db.Sites.Where(s => s.Id == participant.SiteId).Select(s => s.TimeZoneId).SingleAsync(cancellationToken).ConfigureAwait(false);
        var today = SiteTime.TodayAt(timeProvider, timeZoneId);
        var result = await CrfEditor.SaveAsync(db, caller, participant, exclusion, expectedVersion, reason,
            record =>
            {
                record.Criterion = input.Criterion;
                record.Details = string.IsNullOrWhiteSpace(input.Details) ? null : input.Details.Trim();
                record.ExclusionDate = input.ExclusionDate;
                if (record.Id == 0)
                {
                    record.Status = FormStatus.Complete;
                }
            },
            (record, pastDraft) => Task.FromResult(Validate(record, today)),
            timeProvider.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return ServiceResult<ExclusionDetail>.Fail(result.Failure, [.. result.Errors]);
        }

        LogRecorded(exclusion.Id, participant.Id, exclusion.Criterion!.Value);
        return ServiceResult<ExclusionDetail>.Success(ToDetail(exclusion));
    }

    private static List<ValidationError> Validate(Exclusion exclusion, DateOnly today)
    {
        var form = CrfForms.Exclusion;
        var errors = FieldRules.Validate(form, exclusion, completing: true);
        if (exclusion.Criterion == ExclusionCriterion.Other && exclusion.Details is null)
        {
            errors.Add(FieldRules.Required(form, nameof(Exclusion.Details),
                CrfMessages.Format("WhenChoiceIs", CrfMessages.Label(form, nameof(Exclusion.Criterion)), CrfMessages.Choice(ExclusionCriterion.Other))));
        }

        if (exclusion.ExclusionDate is { } date && date > today)
        {
            errors.Add(new(nameof(Exclusion.ExclusionDate), "DateInFuture", CrfMessages.Format("DateInFuture",
                CrfMessages.Label(form, nameof(Exclusion.ExclusionDate)), CrfMessages.Date(date), CrfMessages.Date(today))));
        }

        return errors;
    }

    private static ExclusionDetail ToDetail(Exclusion exclusion) =>
        new(exclusion.Id, exclusion.ParticipantId, new ExclusionInput(exclusion.Criterion, exclusion.Details, exclusion.ExclusionDate), exclusion.Status, exclusion.UpdatedAtUtc, exclusion.Version);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Information, Message = "Exclusion {ExclusionId} of participant {ParticipantId} saved: {Criterion}")]
    private partial void LogRecorded(int exclusionId, int participantId, ExclusionCriterion criterion);
}
