using StudyEdc.Core.Participants;
using StudyEdc.Core.ReferenceStandards;

namespace StudyEdc.Core.Analysis;

/// <summary>
/// The analysis dataset: the plan it was taken under, one row per enrolled participant, one row per lesion CRF and
/// the model's detections that matched no lesion. A snapshot freezes it; live reports build it afresh. Rows are
/// sorted by site code, Study ID and lesion number, so the same data always gives the same canonical JSON.
/// </summary>
public sealed record AnalysisDataset(
    AnalysisPlanValues Plan,
    IReadOnlyList<AnalysisParticipantRow> Participants,
    IReadOnlyList<AnalysisLesionRow> Lesions,
    IReadOnlyList<AnalysisFalsePositiveMark> FalsePositiveMarks);

/// <summary>The locked plan values a dataset was taken under.</summary>
public sealed record AnalysisPlanValues(double DecisionThreshold, string ModelName, string ModelVersion, string ModelSha256);

/// <summary>
/// One enrolled participant. <paramref name="StudyId"/> is the pseudonymous Study ID (for example "WCH-0001"),
/// never a name or hospital number.
/// </summary>
/// <param name="SiteCode">Code of the participant's site.</param>
/// <param name="StudyId">Pseudonymous participant id.</param>
/// <param name="Eligibility">The eligibility derived from the participant CRF's checklist.</param>
/// <param name="IneligibilityReasons">Codes of <see cref="IneligibilityReason"/>; empty when eligible or undetermined.</param>
/// <param name="ExclusionCriteria">Criteria of the participant's exclusion records, in the order recorded.</param>
/// <param name="IndexTestDone">True when the plan's model has a succeeded inference job for the participant's exam.</param>
/// <param name="PatientScore">
/// The patient-level score: the highest malignancy probability among all detections of that job, 0 when the
/// model detected nothing; null when the index test was not done.
/// </param>
public sealed record AnalysisParticipantRow(
    string SiteCode,
    string StudyId,
    EligibilityStatus Eligibility,
    IReadOnlyList<string> IneligibilityReasons,
    IReadOnlyList<string> ExclusionCriteria,
    bool IndexTestDone,
    double? PatientScore)
{
    /// <summary>Eligible: the checklist is complete and meets every inclusion and no exclusion criterion.</summary>
    public bool IsEligible => Eligibility == EligibilityStatus.Eligible;

    /// <summary>Per protocol: eligible and without any exclusion record (consent withdrawn, protocol exclusions, other).</summary>
    public bool IsPerProtocol => IsEligible && ExclusionCriteria.Count == 0;

    /// <summary>Whether the participant belongs to <paramref name="population"/>.</summary>
    public bool IsIn(Reports.Model.AnalysisPopulation population) => population switch
    {
        Reports.Model.AnalysisPopulation.AllEnrolled => true,
        Reports.Model.AnalysisPopulation.Eligible => IsEligible,
        Reports.Model.AnalysisPopulation.PerProtocol => IsPerProtocol,
        _ => throw new ArgumentOutOfRangeException(nameof(population), population, "Unknown analysis population."),
    };
}

/// <summary>One lesion CRF with its reference standard and the model's result for it.</summary>
/// <param name="SiteCode">Code of the participant's site.</param>
/// <param name="StudyId">Pseudonymous participant id.</param>
/// <param name="LesionNumber">Lesion number within the participant.</param>
/// <param name="Nature">What the reference standard shows; null while it is not recorded.</param>
/// <param name="ReferenceStandard">How the nature is proven; null while it is not recorded.</param>
/// <param name="HasBox">True when the lesion's box is drawn on a stored series, so it can be matched to detections.</param>
/// <param name="DetectionMatched">
/// True when a detection of the plan's model matched the lesion's box; false when none did; null when the index test
/// was not done or the lesion has no box.
/// </param>
/// <param name="DetectionScore">The matched detection's detection score; null when none matched.</param>
/// <param name="Score">
/// The lesion-level score: the matched detection's malignancy probability, or 0 when no detection matched (the model
/// did not find the lesion, so it did not call it malignant); null when it cannot be attributed (no index test or no box).
/// </param>
public sealed record AnalysisLesionRow(
    string SiteCode,
    string StudyId,
    int LesionNumber,
    LesionNature? Nature,
    ReferenceStandardMethod? ReferenceStandard,
    bool HasBox,
    bool? DetectionMatched,
    double? DetectionScore,
    double? Score)
{
    /// <summary>True when the reference standard is recorded: both the nature and its method.</summary>
    public bool HasReference => Nature is not null && ReferenceStandard is not null;
}

/// <summary>A detection of the plan's model that matched no lesion (a non-lesion localization in FROC terms).</summary>
public sealed record AnalysisFalsePositiveMark(string SiteCode, string StudyId, double DetectionScore, double Malignancy);
