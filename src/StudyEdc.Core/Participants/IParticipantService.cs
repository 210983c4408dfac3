using StudyEdc.Core.Identity;

namespace StudyEdc.Core.Participants;

/// <summary>
/// Enrolment and the participant CRF. Every method scopes by <see cref="StudyCaller"/>: a participant of
/// another site is reported as not found. Every change writes its audit entries in the same transaction.
/// </summary>
public interface IParticipantService
{
    Task<IReadOnlyList<ParticipantSummary>> ListAsync(StudyCaller caller, ParticipantQuery query, CancellationToken cancellationToken = default);

    /// <summary>Returns null when the participant does not exist or is outside the caller's site.</summary>
    Task<ParticipantDetail?> GetAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default);

    /// <summary>Enrols a participant at <paramref name="siteId"/> and assigns the next Study ID of that site.</summary>
    Task<ServiceResult<ParticipantDetail>> CreateAsync(StudyCaller caller, int siteId, ParticipantInput input, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the CRF. <paramref name="expectedVersion"/> is the version the editor loaded; a different stored
    /// version returns <see cref="ServiceFailure.Conflict"/>. A reason is required once the form is complete.
    /// </summary>
    Task<ServiceResult<ParticipantDetail>> UpdateAsync(StudyCaller caller, int participantId, ParticipantInput input, Guid expectedVersion, string? reason, CancellationToken cancellationToken = default);

    /// <summary>Moves the form along draft → complete → verified → locked (or back, with a reason).</summary>
    Task<ServiceResult<ParticipantDetail>> ChangeStatusAsync(StudyCaller caller, int participantId, FormStatus target, Guid expectedVersion, string? reason, CancellationToken cancellationToken = default);
}

/// <summary>Filters for the participant list; null means no filter.</summary>
public sealed record ParticipantQuery(int? SiteId = null, string? StudyIdContains = null, FormStatus? Status = null);

public sealed record ParticipantSummary(
    int Id,
    int SiteId,
    string SiteCode,
    string StudyId,
    int? Age,
    Sex? Sex,
    DateOnly? CtExamDate,
    FormStatus Status,
    EligibilityStatus Eligibility,
    DateTime UpdatedAtUtc);

/// <summary>What an editor types into the participant CRF.</summary>
public sealed record ParticipantInput
{
    public int? Age { get; init; }
    public Sex? Sex { get; init; }
    public DateOnly? CtExamDate { get; init; }
    public bool? NoPriorLiverTreatment { get; init; }
    public bool? ReferenceStandardConfirmed { get; init; }
    public bool? PoorImageQuality { get; init; }
    public bool? PreviousSurgery { get; init; }
    public bool? DetectionBoxMismatch { get; init; }
    public bool? ArterialOrPortalPhaseMissing { get; init; }
}

public sealed record ParticipantDetail(
    int Id,
    int SiteId,
    string SiteCode,
    string StudyId,
    ParticipantInput Values,
    FormStatus Status,
    EligibilityStatus Eligibility,
    IReadOnlyList<string> IneligibilityReasons,
    DateTime CreatedAtUtc,
    DateTime UpdatedAtUtc,
    Guid Version);
