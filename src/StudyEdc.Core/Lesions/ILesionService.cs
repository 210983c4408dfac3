using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.ReferenceStandards;

namespace StudyEdc.Core.Lesions;

/// <summary>
/// The lesion CRFs of a participant, with the protocol's reference-standard rules enforced on every save. Scoped by
/// <see cref="StudyCaller"/>; radiologists see no lesion CRF, since it holds the reference standard they read blinded to.
/// </summary>
public interface ILesionService
{
    Task<IReadOnlyList<LesionDetail>> ListAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default);

    /// <summary>Returns null when the lesion does not exist or is outside the caller's scope.</summary>
    Task<LesionDetail?> GetAsync(StudyCaller caller, int lesionId, CancellationToken cancellationToken = default);

    Task<ServiceResult<LesionDetail>> CreateAsync(StudyCaller caller, int participantId, LesionInput input, CancellationToken cancellationToken = default);

    /// <summary>Saves the lesion; <paramref name="expectedVersion"/> is the version the editor loaded. A reason is required once it is complete.</summary>
    Task<ServiceResult<LesionDetail>> UpdateAsync(StudyCaller caller, int lesionId, LesionInput input, Guid expectedVersion, string? reason, CancellationToken cancellationToken = default);
}

/// <summary>What an editor types into the lesion CRF; the location is usually filled by drawing on the viewer.</summary>
public sealed record LesionInput
{
    public int LesionNumber { get; init; }
    public CouinaudSegment? CouinaudSegment { get; init; }
    public decimal? LongestDiameterMm { get; init; }
    public string? SeriesInstanceUid { get; init; }
    public int? FirstSlice { get; init; }
    public int? LastSlice { get; init; }
    public int? BoxX { get; init; }
    public int? BoxY { get; init; }
    public int? BoxWidth { get; init; }
    public int? BoxHeight { get; init; }
    public LesionNature? Nature { get; init; }
    public ReferenceStandardMethod? ReferenceStandard { get; init; }
    public PathologyType? PathologyType { get; init; }
    public string? PathologyTypeOther { get; init; }
    public DateOnly? SpecimenDate { get; init; }
    public SpecimenMethod? SpecimenMethod { get; init; }
    public ImagingModality? FollowUpModality1 { get; init; }
    public DateOnly? FollowUpDate1 { get; init; }
    public ImagingModality? FollowUpModality2 { get; init; }
    public DateOnly? FollowUpDate2 { get; init; }
    public FollowUpOutcome? FollowUpOutcome { get; init; }
}

/// <summary>A saved lesion CRF; <c>Consensus</c> is the state of its three-radiologist consensus.</summary>
public sealed record LesionDetail(
    int Id,
    int ParticipantId,
    LesionInput Values,
    FormStatus Status,
    ConsensusState Consensus,
    DateTime UpdatedAtUtc,
    Guid Version);
