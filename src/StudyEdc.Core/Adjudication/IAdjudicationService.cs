using StudyEdc.Core.Identity;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.ReferenceStandards;
using StudyEdc.Statistics;

namespace StudyEdc.Core.Adjudication;

/// <summary>
/// Three-radiologist adjudication of lesions proven by consensus. Blinding is enforced here, not in the page: a
/// radiologist's methods return only the radiologist's own read, never another reader's read, the lesion's
/// reference standard or the model's output, and the consensus form stays closed until all three reads are in.
/// </summary>
public interface IAdjudicationService
{
    /// <summary>
    /// Assigns three different radiologists of the lesion's site to a lesion whose reference standard is
    /// consensus. Site coordinators, Principal Investigators and Administrators assign.
    /// </summary>
    Task<ServiceResult<AdjudicationProgress>> AssignAsync(StudyCaller caller, int lesionId, IReadOnlyList<string> readerUserIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// The active radiologists of the lesion's site, ordered by user name: the readers <see cref="AssignAsync"/>
    /// accepts. Empty when the lesion is out of the caller's scope or the caller's role cannot assign.
    /// </summary>
    Task<IReadOnlyList<ReaderChoice>> ListEligibleReadersAsync(StudyCaller caller, int lesionId, CancellationToken cancellationToken = default);

    /// <summary>Returns the progress of the lesion's adjudication without any read's content, or null when none exists or it is out of scope.</summary>
    Task<AdjudicationProgress?> GetProgressAsync(StudyCaller caller, int lesionId, CancellationToken cancellationToken = default);

    /// <summary>The caller's own reads, newest assignment first; empty for anyone but a radiologist.</summary>
    Task<IReadOnlyList<ReadTask>> ListMyReadsAsync(StudyCaller caller, CancellationToken cancellationToken = default);

    /// <summary>Opens the caller's read; the first opening starts the reading-time clock.</summary>
    Task<ServiceResult<ReadTask>> OpenReadAsync(StudyCaller caller, int readId, CancellationToken cancellationToken = default);

    /// <summary>Submits the caller's read once; the server records the reading time from first opening to now.</summary>
    Task<ServiceResult<ReadTask>> SubmitReadAsync(StudyCaller caller, int readId, ReadInput input, CancellationToken cancellationToken = default);

    /// <summary>The three reads side by side, for the case's readers, Principal Investigators and Administrators, once all three are in.</summary>
    Task<ServiceResult<ConsensusForm>> GetConsensusFormAsync(StudyCaller caller, int caseId, CancellationToken cancellationToken = default);

    Task<ServiceResult<ConsensusForm>> RecordConsensusAsync(StudyCaller caller, int caseId, ConsensusInput input, Guid expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Computes Fleiss' kappa over the cases whose three reads are all in, for benign/malignant and for the LI-RADS
    /// category, optionally for one site. Returns null for roles other than Principal Investigator, Administrator and Monitor.
    /// </summary>
    Task<ReaderAgreement?> ComputeAgreementAsync(StudyCaller caller, int? siteId, CancellationToken cancellationToken = default);
}

/// <summary>A radiologist who may be assigned as a reader.</summary>
public sealed record ReaderChoice(string UserId, string UserName, string DisplayName);

public sealed record ReadInput(LesionNature? Nature, LiRadsCategory? LiRadsCategory, int? Confidence);

public sealed record ConsensusInput(LesionNature? Nature, LiRadsCategory? LiRadsCategory, string? Note);

/// <summary>
/// A radiologist's own read with what the radiologist needs to find the lesion, and nothing more. The participant id
/// opens the images, the only part of the participant's record a radiologist may see.
/// </summary>
public sealed record ReadTask(
    int ReadId,
    int CaseId,
    int ParticipantId,
    string StudyId,
    int LesionNumber,
    CouinaudSegment? CouinaudSegment,
    string? SeriesInstanceUid,
    int? FirstSlice,
    int? LastSlice,
    DateTime? OpenedAtUtc,
    DateTime? SubmittedAtUtc,
    LesionNature? Nature,
    LiRadsCategory? LiRadsCategory,
    int? Confidence,
    int? ReadingTimeSeconds);

/// <summary>Progress of a lesion's adjudication, without the content of any read.</summary>
public sealed record AdjudicationProgress(int CaseId, int LesionId, AdjudicationStatus Status, IReadOnlyList<string> ReaderNames, int ReadsSubmitted, Guid Version);

public sealed record ReadView(string ReaderName, LesionNature Nature, LiRadsCategory LiRadsCategory, int Confidence, int ReadingTimeSeconds, DateTime SubmittedAtUtc);

public sealed record ConsensusForm(
    int CaseId,
    string StudyId,
    int LesionNumber,
    AdjudicationStatus Status,
    IReadOnlyList<ReadView> Reads,
    LesionNature? ConsensusNature,
    LiRadsCategory? ConsensusLiRads,
    string? ConsensusNote,
    string? ConsensusByName,
    DateTime? ConsensusAtUtc,
    Guid Version);

/// <summary>Inter-reader agreement over <see cref="Cases"/> cases with three completed reads.</summary>
public sealed record ReaderAgreement(int Cases, FleissKappaResult Nature, FleissKappaResult LiRads);
