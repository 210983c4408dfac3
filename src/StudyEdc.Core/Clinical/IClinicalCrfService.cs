using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;

namespace StudyEdc.Core.Clinical;

/// <summary>
/// The clinical CRF of a participant. Scoped by <see cref="StudyCaller"/> like the participant form; status
/// changes (complete, SDV, lock) go through <see cref="Verification.ICrfStatusService"/>.
/// </summary>
public interface IClinicalCrfService
{
    /// <summary>Returns null when the participant is outside the caller's scope or has no clinical CRF yet.</summary>
    Task<ClinicalCrfDetail?> GetAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the participant's clinical CRF (<paramref name="expectedVersion"/> null) or saves it
    /// (<paramref name="expectedVersion"/> = the version the editor loaded). A reason is required once the form is complete.
    /// </summary>
    Task<ServiceResult<ClinicalCrfDetail>> SaveAsync(StudyCaller caller, int participantId, ClinicalCrfInput input, Guid? expectedVersion, string? reason, CancellationToken cancellationToken = default);
}

/// <summary>What an editor types into the clinical CRF; AFP in the unit the laboratory reported.</summary>
public sealed record ClinicalCrfInput
{
    public ViralStatus? HepatitisB { get; init; }
    public ViralStatus? HepatitisC { get; init; }
    public bool? Cirrhosis { get; init; }
    public decimal? AfpValue { get; init; }
    public AfpUnit? AfpUnit { get; init; }
    public CtIndication? ReasonForCt { get; init; }
    public string? ReasonForCtOther { get; init; }
    public string? ScannerManufacturer { get; init; }
    public string? ScannerModel { get; init; }
    public string? ContrastAgent { get; init; }
    public decimal? ContrastDoseMl { get; init; }
    public bool? NonContrastPhaseAcquired { get; init; }
    public bool? ArterialPhaseAcquired { get; init; }
    public int? ArterialPhaseDelaySeconds { get; init; }
    public bool? PortalVenousPhaseAcquired { get; init; }
    public int? PortalVenousPhaseDelaySeconds { get; init; }
    public bool? DelayedPhaseAcquired { get; init; }
    public int? DelayedPhaseDelaySeconds { get; init; }
}

public sealed record ClinicalCrfDetail(
    int Id,
    int ParticipantId,
    ClinicalCrfInput Values,
    decimal? AfpNgPerMl,
    FormStatus Status,
    DateTime UpdatedAtUtc,
    Guid Version);
