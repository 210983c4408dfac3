using StudyEdc.Core.Analysis;
using StudyEdc.Core.Participants;
using StudyEdc.Core.ReferenceStandards;
using StudyEdc.Reports;
using StudyEdc.Reports.Model;

namespace StudyEdc.Core.Tests.Analysis;

/// <summary>
/// A small analysis dataset whose figures can be checked by hand. Site WCH: four eligible participants with one
/// lesion each (malignant 0.9 and 0.3, benign 0.6 and 0.1) and one ineligible participant (age). Site HPH: one
/// eligible participant with a malignant lesion (0.8) and a benign lesion (0.2) and a false-positive mark, one with
/// a consent-withdrawn exclusion (malignant 0.7), one without an inference result, and one whose lesion has no
/// recorded reference standard.
/// </summary>
internal static class AnalysisDatasets
{
    public static readonly AnalysisPlanValues Plan = new(0.5, "phantom-lesion-detector", "1.0.0", new string('a', 64));

    public static readonly IReadOnlyList<ReportSite> Sites =
    [
        new("WCH", "四川大学华西医院", "West China Hospital", "Asia/Shanghai"),
        new("HPH", "河南省人民医院", "Henan Provincial People's Hospital", "Asia/Shanghai"),
    ];

    public static AnalysisDataset Small() => new(
        Plan,
        [
            Eligible("HPH", "HPH-0001", 0.8),
            Eligible("HPH", "HPH-0002", 0.7) with { ExclusionCriteria = ["ConsentWithdrawn"] },
            Eligible("HPH", "HPH-0003", null) with { IndexTestDone = false },
            Eligible("HPH", "HPH-0004", 0.4),
            Eligible("WCH", "WCH-0001", 0.9),
            Eligible("WCH", "WCH-0002", 0.3),
            Eligible("WCH", "WCH-0003", 0.6),
            Eligible("WCH", "WCH-0004", 0.1),
            Eligible("WCH", "WCH-0005", 0.95) with { Eligibility = EligibilityStatus.Ineligible, IneligibilityReasons = ["AgeOutOfRange"] },
        ],
        [
            Lesion("HPH", "HPH-0001", 1, LesionNature.Malignant, 0.8),
            Lesion("HPH", "HPH-0001", 2, LesionNature.Benign, 0.2),
            Lesion("HPH", "HPH-0002", 1, LesionNature.Malignant, 0.7),
            Lesion("HPH", "HPH-0003", 1, LesionNature.Malignant, null) with { DetectionMatched = null },
            Lesion("HPH", "HPH-0004", 1, null, 0.4),
            Lesion("WCH", "WCH-0001", 1, LesionNature.Malignant, 0.9),
            Lesion("WCH", "WCH-0002", 1, LesionNature.Malignant, 0.3),
            Lesion("WCH", "WCH-0003", 1, LesionNature.Benign, 0.6),
            Lesion("WCH", "WCH-0004", 1, LesionNature.Benign, 0.1),
            Lesion("WCH", "WCH-0005", 1, LesionNature.Malignant, 0.95),
        ],
        [new AnalysisFalsePositiveMark("HPH", "HPH-0001", 0.5, 0.3)]);

    public static ReportAssemblyRequest Request(AnalysisPopulation population, AnalysisLevel level, double threshold = 0.5) =>
        new(population, level, threshold, ReportLanguage.En, new DataSnapshotInfo(1, "test"), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), Sites);

    private static AnalysisParticipantRow Eligible(string site, string studyId, double? patientScore) =>
        new(site, studyId, EligibilityStatus.Eligible, [], [], true, patientScore);

    private static AnalysisLesionRow Lesion(string site, string studyId, int number, LesionNature? nature, double? score) =>
        new(site, studyId, number, nature,
            nature switch
            {
                LesionNature.Malignant => ReferenceStandardMethod.Pathology,
                LesionNature.Benign => ReferenceStandardMethod.FollowUp,
                _ => null,
            },
            HasBox: true, DetectionMatched: score > 0, DetectionScore: score, Score: score);
}
