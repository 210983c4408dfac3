using StudyEdc.Core.Exclusions;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Queries;

namespace StudyEdc.Core.Dashboards;

/// <summary>
/// Figures for the Principal Investigator's dashboard and the coordinator's work list. Every figure is scoped by
/// <see cref="StudyCaller"/>: a coordinator gets the same figures for the own site only.
/// </summary>
public interface IDashboardService
{
    /// <summary>Returns null for roles that do not read the casebook (radiologists, DSMC members).</summary>
    Task<StudyDashboard?> GetAsync(StudyCaller caller, CancellationToken cancellationToken = default);

    /// <summary>What is missing or waiting in the casebooks the caller may read, participant by participant.</summary>
    Task<IReadOnlyList<WorkItem>> GetWorkListAsync(StudyCaller caller, CancellationToken cancellationToken = default);
}

public sealed record StudyDashboard(
    IReadOnlyList<SiteEnrolment> Sites,
    IReadOnlyList<MonthlyEnrolment> EnrolmentByMonth,
    IReadOnlyList<FormStatusCount> FormsByStatus,
    IReadOnlyList<SiteQueryCount> OpenQueries,
    IReadOnlyList<ExclusionCount> ExclusionsByReason);

/// <summary>Enrolment of one site. <c>Excluded</c> counts participants with at least one exclusion; they stay counted in <c>Enrolled</c>.</summary>
public sealed record SiteEnrolment(int SiteId, string Code, string NameZh, string NameEn, int Target, int Enrolled, int Eligible, int Ineligible, int Excluded);

/// <summary>Participants enrolled at a site in one month of the site's time zone (<c>Month</c> is "yyyy-MM").</summary>
public sealed record MonthlyEnrolment(int SiteId, string Month, int Count);

public sealed record FormStatusCount(string FormKey, FormStatus Status, int Count);

public sealed record SiteQueryCount(int SiteId, int Open, int Answered);

public sealed record ExclusionCount(ExclusionCriterion Criterion, int Count);

public enum WorkItemKind
{
    ParticipantFormDraft,
    ClinicalFormMissing,
    ClinicalFormDraft,
    NoLesionRecorded,
    LesionFormDraft,
    ReadersNotAssigned,
    ReadsOutstanding,
    ConsensusOutstanding,
    QueryAwaitingResponse,
}

/// <summary>One missing or waiting item: <c>RecordId</c> is the lesion or query concerned (null for the participant as a whole), <c>Number</c> the lesion number.</summary>
public sealed record WorkItem(int ParticipantId, string StudyId, int SiteId, WorkItemKind Kind, int? RecordId, int? Number);
