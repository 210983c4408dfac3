using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyEdc.Core.Adjudication;
using StudyEdc.Core.Data;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Queries;
using StudyEdc.Core.ReferenceStandards;
using StudyEdc.Core.Resources;
using StudyEdc.Core.Sites;

namespace StudyEdc.Core.Lesions;

internal sealed partial class LesionService(StudyDbContext db, TimeProvider timeProvider, IOptions<CrfOptions> options, ILogger<LesionService> logger)
    : ILesionService
{
    public async Task<IReadOnlyList<LesionDetail>> ListAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var lesions = await CasebookAccess.Scoped(db.Set<Lesion>(), caller).AsNoTracking()
            .Where(l => l.ParticipantId == participantId)
            .OrderBy(l => l.LesionNumber)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var details = new List<LesionDetail>(lesions.Count);
        foreach (var lesion in lesions)
        {
            details.Add(ToDetail(lesion, await ConsensusStateAsync(db, lesion.Id, cancellationToken).ConfigureAwait(false)));
        }

        return details;
    }

    public async Task<LesionDetail?> GetAsync(StudyCaller caller, int lesionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var lesion = await CasebookAccess.Scoped(db.Set<Lesion>(), caller).AsNoTracking()
            .SingleOrDefaultAsync(l => l.Id == lesionId, cancellationToken).ConfigureAwait(false);
        return lesion is null ? null : ToDetail(lesion, await ConsensusStateAsync(db, lesion.Id, cancellationToken).ConfigureAwait(false));
    }

    public async Task<ServiceResult<LesionDetail>> CreateAsync(StudyCaller caller, int participantId, LesionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);

        var participant = await CasebookAccess.FindParticipantAsync(db, caller, participantId, cancellationToken).ConfigureAwait(false);
        if (participant is null)
        {
            return ServiceResult<LesionDetail>.Fail(ServiceFailure.NotFound);
        }

        var lesion = new Lesion();
        db.Add(lesion);
        return await SaveAsync(caller, participant, lesion, input, expectedVersion: null, reason: null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ServiceResult<LesionDetail>> UpdateAsync(StudyCaller caller, int lesionId, LesionInput input, Guid expectedVersion, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);

        var lesion = await CasebookAccess.Scoped(db.Set<Lesion>(), caller).SingleOrDefaultAsync(l => l.Id == lesionId, cancellationToken).ConfigureAwait(false);
        if (lesion is null)
        {
            return ServiceResult<LesionDetail>.Fail(ServiceFailure.NotFound);
        }

        var participant = await db.Participants.SingleAsync(p => p.Id == lesion.ParticipantId, cancellationToken).ConfigureAwait(false);
        return await SaveAsync(caller, participant, lesion, input, expectedVersion, reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the state of the lesion's consensus, read from its adjudication case.</summary>
    internal static async Task<ConsensusState> ConsensusStateAsync(StudyDbContext db, int lesionId, CancellationToken cancellationToken)
    {
        var adjudication = await db.Set<AdjudicationCase>().AsNoTracking().Where(c => c.LesionId == lesionId)
            .Select(c => new { c.Status, c.ConsensusNature })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return adjudication switch
        {
            null => ConsensusState.NotStarted,
            { Status: AdjudicationStatus.Concluded, ConsensusNature: LesionNature.Malignant } => ConsensusState.Malignant,
            { Status: AdjudicationStatus.Concluded, ConsensusNature: LesionNature.Benign } => ConsensusState.Benign,
            _ => ConsensusState.Pending,
        };
    }

    /// <summary>Every rule of the lesion CRF: declared fields, location, the number's uniqueness and the reference standard.</summary>
    internal static async Task<List<ValidationError>> ValidateAsync(StudyDbContext db, TimeProvider timeProvider, Participant participant, Lesion lesion, bool completing, CancellationToken cancellationToken)
    {
        var errors = FieldRules.Validate(CrfForms.Lesion, lesion, completing);
        errors.AddRange(LesionRules.ValidateLocation(lesion));

        var numberTaken = await db.Set<Lesion>().AnyAsync(l => l.ParticipantId == participant.Id && l.LesionNumber == lesion.LesionNumber && l.Id != lesion.Id, cancellationToken).ConfigureAwait(false);
        if (numberTaken)
        {
            errors.Add(new(nameof(Lesion.LesionNumber), "LesionNumberTaken", CrfMessages.Format("LesionNumberTaken", lesion.LesionNumber, participant.StudyId)));
        }

        var timeZoneId = await db.Sites.Where(s => s.Id == participant.SiteId).Select(s => s.TimeZoneId).SingleAsync(cancellationToken).ConfigureAwait(false);
        var context = new ReferenceStandardContext(
            participant.CtExamDate,
            SiteTime.TodayAt(timeProvider, timeZoneId),
            lesion.Id == 0 ? ConsensusState.NotStarted : await ConsensusStateAsync(db, lesion.Id, cancellationToken).ConfigureAwait(false));
        errors.AddRange(ReferenceStandardRules.Validate(lesion, context, completing));
        return errors;
    }

    private async Task<ServiceResult<LesionDetail>> SaveAsync(StudyCaller caller, Participant participant, Lesion lesion, LesionInput input, Guid? expectedVersion, string? reason, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var result = await CrfEditor.SaveAsync(db, caller, participant, lesion, expectedVersion, reason,
                record => Apply(record, input),
                (record, pastDraft) => ValidateAsync(db, timeProvider, participant, record, pastDraft, cancellationToken),
                now, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                return ServiceResult<LesionDetail>.Fail(result.Failure, [.. result.Errors]);
            }

            // A specimen taken long before the CT is accepted but queried, in the same transaction.
            var windowDays = options.Value.PathologyBeforeCtWindowDays;
            if (ReferenceStandardRules.SpecimenTooLongBeforeCt(lesion.SpecimenDate, participant.CtExamDate, windowDays))
            {
                var text = CrfMessages.Format("PathologyBeforeCtQuery", CrfMessages.Date(lesion.SpecimenDate!.Value),
                    CrfMessages.Date(participant.CtExamDate!.Value), participant.CtExamDate.Value.DayNumber - lesion.SpecimenDate.Value.DayNumber, windowDays);
                var owner = new RecordOwner(participant.Id, participant.SiteId);
                if (await QueryService.AddAutomaticAsync(db, caller, owner, CrfForms.LesionKey, lesion.Id, nameof(Lesion.SpecimenDate), text, now, cancellationToken).ConfigureAwait(false))
                {
                    if (!await CasebookAudit.SaveAsync(db, caller, reason: null, cancellationToken).ConfigureAwait(false))
                    {
                        return ServiceResult<LesionDetail>.Fail(ServiceFailure.Conflict, CasebookAccess.Conflict());
                    }

                    LogAutomaticQuery(lesion.Id, windowDays);
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        LogSaved(lesion.Id, participant.Id);
        return ServiceResult<LesionDetail>.Success(ToDetail(lesion, await ConsensusStateAsync(db, lesion.Id, cancellationToken).ConfigureAwait(false)));
    }

    private static void Apply(Lesion lesion, LesionInput input)
    {
        lesion.LesionNumber = input.LesionNumber;
        lesion.CouinaudSegment = input.CouinaudSegment;
        lesion.LongestDiameterMm = input.LongestDiameterMm;
        lesion.SeriesInstanceUid = string.IsNullOrWhiteSpace(input.SeriesInstanceUid) ? null : input.SeriesInstanceUid.Trim();
        lesion.FirstSlice = input.FirstSlice;
        lesion.LastSlice = input.LastSlice;
        lesion.BoxX = input.BoxX;
        lesion.BoxY = input.BoxY;
        lesion.BoxWidth = input.BoxWidth;
        lesion.BoxHeight = input.BoxHeight;
        lesion.Nature = input.Nature;
        lesion.ReferenceStandard = input.ReferenceStandard;
        lesion.PathologyType = input.PathologyType;
        lesion.PathologyTypeOther = string.IsNullOrWhiteSpace(input.PathologyTypeOther) ? null : input.PathologyTypeOther.Trim();
        lesion.SpecimenDate = input.SpecimenDate;
        lesion.SpecimenMethod = input.SpecimenMethod;
        lesion.FollowUpModality1 = input.FollowUpModality1;
        lesion.FollowUpDate1 = input.FollowUpDate1;
        lesion.FollowUpModality2 = input.FollowUpModality2;
        lesion.FollowUpDate2 = input.FollowUpDate2;
        lesion.FollowUpOutcome = input.FollowUpOutcome;
    }

    private static LesionDetail ToDetail(Lesion lesion, ConsensusState consensus) => new(
        lesion.Id,
        lesion.ParticipantId,
        new LesionInput
        {
            LesionNumber = lesion.LesionNumber,
            CouinaudSegment = lesion.CouinaudSegment,
            LongestDiameterMm = lesion.LongestDiameterMm,
            SeriesInstanceUid = lesion.SeriesInstanceUid,
            FirstSlice = lesion.FirstSlice,
            LastSlice = lesion.LastSlice,
            BoxX = lesion.BoxX,
            BoxY = lesion.BoxY,
            BoxWidth = lesion.BoxWidth,
            BoxHeight = lesion.BoxHeight,
            Nature = lesion.Nature,
            ReferenceStandard = lesion.ReferenceStandard,
            PathologyType = lesion.PathologyType,
            PathologyTypeOther = lesion.PathologyTypeOther,
            SpecimenDate = lesion.SpecimenDate,
            SpecimenMethod = lesion.SpecimenMethod,
            FollowUpModality1 = lesion.FollowUpModality1,
            FollowUpDate1 = lesion.FollowUpDate1,
            FollowUpModality2 = lesion.FollowUpModality2,
            FollowUpDate2 = lesion.FollowUpDate2,
            FollowUpOutcome = lesion.FollowUpOutcome,
        },
        lesion.Status,
        consensus,
        lesion.UpdatedAtUtc,
        lesion.Version);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Lesion {LesionId} of participant {ParticipantId} saved")]
    private partial void LogSaved(int lesionId, int participantId);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "Lesion {LesionId}: specimen more than {WindowDays} days before the CT; automatic query opened")]
    private partial void LogAutomaticQuery(int lesionId, int windowDays);
}
