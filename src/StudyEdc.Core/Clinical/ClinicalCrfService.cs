using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StudyEdc.Core.Data;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;

namespace StudyEdc.Core.Clinical;

internal sealed partial class ClinicalCrfService(StudyDbContext db, TimeProvider timeProvider, ILogger<ClinicalCrfService> logger)
    : IClinicalCrfService
{
    public async Task<ClinicalCrfDetail?> GetAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var crf = await CasebookAccess.Scoped(db.Set<ClinicalCrf>(), caller).AsNoTracking()
            .SingleOrDefaultAsync(c => c.ParticipantId == participantId, cancellationToken).ConfigureAwait(false);
        return crf is null ? null : ToDetail(crf);
    }

    public async Task<ServiceResult<ClinicalCrfDetail>> SaveAsync(StudyCaller caller, int participantId, ClinicalCrfInput input, Guid? expectedVersion, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);

        var participant = await CasebookAccess.FindParticipantAsync(db, caller, participantId, cancellationToken).ConfigureAwait(false);
        if (participant is null)
        {
            return ServiceResult<ClinicalCrfDetail>.Fail(ServiceFailure.NotFound);
        }

        // One clinical CRF per participant: a create that finds one already saved is a conflict.
        var crf = await db.Set<ClinicalCrf>().SingleOrDefaultAsync(c => c.ParticipantId == participantId, cancellationToken).ConfigureAwait(false);
        if (crf is not null && expectedVersion is null)
        {
            return ServiceResult<ClinicalCrfDetail>.Fail(ServiceFailure.Conflict, CasebookAccess.Conflict());
        }

        if (crf is null)
        {
            crf = new ClinicalCrf();
            db.Add(crf);
        }

        var result = await CrfEditor.SaveAsync(db, caller, participant, crf, expectedVersion, reason,
            record => Apply(record, input),
            (record, pastDraft) => Task.FromResult(ClinicalCrfRules.Validate(record, pastDraft)),
            timeProvider.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return ServiceResult<ClinicalCrfDetail>.Fail(result.Failure, [.. result.Errors]);
        }

        LogSaved(crf.Id, participantId);
        return ServiceResult<ClinicalCrfDetail>.Success(ToDetail(crf));
    }

    private static void Apply(ClinicalCrf crf, ClinicalCrfInput input)
    {
        crf.HepatitisB = input.HepatitisB;
        crf.HepatitisC = input.HepatitisC;
        crf.Cirrhosis = input.Cirrhosis;
        crf.AfpValue = input.AfpValue;
        crf.AfpUnit = input.AfpUnit;
        crf.AfpNgPerMl = ClinicalCrfRules.ToNanogramsPerMillilitre(input.AfpValue, input.AfpUnit);
        crf.ReasonForCt = input.ReasonForCt;
        crf.ReasonForCtOther = Trimmed(input.ReasonForCtOther);
        crf.ScannerManufacturer = Trimmed(input.ScannerManufacturer);
        crf.ScannerModel = Trimmed(input.ScannerModel);
        crf.ContrastAgent = Trimmed(input.ContrastAgent);
        crf.ContrastDoseMl = input.ContrastDoseMl;
        crf.NonContrastPhaseAcquired = input.NonContrastPhaseAcquired;
        crf.ArterialPhaseAcquired = input.ArterialPhaseAcquired;
        crf.ArterialPhaseDelaySeconds = input.ArterialPhaseDelaySeconds;
        crf.PortalVenousPhaseAcquired = input.PortalVenousPhaseAcquired;
        crf.PortalVenousPhaseDelaySeconds = input.PortalVenousPhaseDelaySeconds;
        crf.DelayedPhaseAcquired = input.DelayedPhaseAcquired;
        crf.DelayedPhaseDelaySeconds = input.DelayedPhaseDelaySeconds;
    }

    internal static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static ClinicalCrfDetail ToDetail(ClinicalCrf crf) => new(
        crf.Id,
        crf.ParticipantId,
        new ClinicalCrfInput
        {
            HepatitisB = crf.HepatitisB,
            HepatitisC = crf.HepatitisC,
            Cirrhosis = crf.Cirrhosis,
            AfpValue = crf.AfpValue,
            AfpUnit = crf.AfpUnit,
            ReasonForCt = crf.ReasonForCt,
            ReasonForCtOther = crf.ReasonForCtOther,
            ScannerManufacturer = crf.ScannerManufacturer,
            ScannerModel = crf.ScannerModel,
            ContrastAgent = crf.ContrastAgent,
            ContrastDoseMl = crf.ContrastDoseMl,
            NonContrastPhaseAcquired = crf.NonContrastPhaseAcquired,
            ArterialPhaseAcquired = crf.ArterialPhaseAcquired,
            ArterialPhaseDelaySeconds = crf.ArterialPhaseDelaySeconds,
            PortalVenousPhaseAcquired = crf.PortalVenousPhaseAcquired,
            PortalVenousPhaseDelaySeconds = crf.PortalVenousPhaseDelaySeconds,
            DelayedPhaseAcquired = crf.DelayedPhaseAcquired,
            DelayedPhaseDelaySeconds = crf.DelayedPhaseDelaySeconds,
        },
        crf.AfpNgPerMl,
        crf.Status,
        crf.UpdatedAtUtc,
        crf.Version);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Clinical CRF {CrfId} of participant {ParticipantId} saved")]
    private partial void LogSaved(int crfId, int participantId);
}
