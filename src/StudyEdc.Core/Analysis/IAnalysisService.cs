using StudyEdc.Core.Identity;
using StudyEdc.Reports;
using StudyEdc.Reports.Model;

namespace StudyEdc.Core.Analysis;

/// <summary>
/// The analysis plan and its lock, frozen data snapshots, the study's analysis settings and the assembly of accuracy
/// reports. Accuracy is computed only under a locked plan. Every change is audited in the study's hash chain.
/// </summary>
/// <remarks>
/// Roles: the Principal Investigator edits, locks and unlocks the plan. The PI or an Administrator creates snapshots,
/// because the study has no separate data-manager role. The Administrator changes the settings. The PI and DSMC
/// members view reports: DSMC members only on snapshots, the PI on live data too when the settings allow it.
/// </remarks>
public interface IAnalysisService
{
    /// <summary>Returns the plan, a default draft when none was saved; fails Forbidden for roles other than PI, DSMC and Administrator.</summary>
    Task<ServiceResult<AnalysisPlanView>> GetPlanAsync(StudyCaller caller, CancellationToken cancellationToken = default);

    /// <summary>Changes the draft plan. Fails Locked while it is locked, Invalid when a value is out of range.</summary>
    Task<ServiceResult<AnalysisPlanView>> UpdatePlanAsync(StudyCaller caller, AnalysisPlanInput input, Guid expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>The meaning the signer must read before locking, in the current UI language.</summary>
    Task<string> GetLockMeaningAsync(StudyCaller caller, CancellationToken cancellationToken = default);

    /// <summary>
    /// Locks the plan with the PI's signature: the PI's own password is re-entered (wrong ones count towards
    /// lockout) and the meaning is stored with the lock.
    /// </summary>
    Task<ServiceResult<AnalysisPlanView>> LockAsync(StudyCaller caller, string password, Guid expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Unlocks the plan for changes, with the PI's password and a required reason.</summary>
    Task<ServiceResult<AnalysisPlanView>> UnlockAsync(StudyCaller caller, string password, string reason, Guid expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Freezes the current analysis dataset as the next numbered snapshot. Needs a locked plan.</summary>
    Task<ServiceResult<AnalysisSnapshotView>> CreateSnapshotAsync(StudyCaller caller, CancellationToken cancellationToken = default);

    /// <summary>Every snapshot, newest first; empty for roles that may not see the plan.</summary>
    Task<IReadOnlyList<AnalysisSnapshotView>> ListSnapshotsAsync(StudyCaller caller, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a snapshot's dataset after checking its SHA-256; fails NotFound for an unknown number and Invalid
    /// ("SnapshotCorrupt") when the stored content no longer matches its hash.
    /// </summary>
    Task<ServiceResult<AnalysisDataset>> GetSnapshotDatasetAsync(StudyCaller caller, int number, CancellationToken cancellationToken = default);

    /// <summary>The analysis settings; defaults when never saved.</summary>
    Task<AnalysisSettingsView> GetSettingsAsync(CancellationToken cancellationToken = default);

    /// <summary>Changes the settings: Administrators only, with a reason.</summary>
    Task<ServiceResult<AnalysisSettingsView>> UpdateSettingsAsync(StudyCaller caller, bool liveAccuracyVisibleToPrincipalInvestigator, string reason, Guid expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Computes the accuracy report of a snapshot, or of live data when <see cref="AccuracyReportRequest.SnapshotNumber"/>
    /// is null and the caller may see live accuracy. Fails Forbidden for other roles and Invalid without a lock.
    /// </summary>
    Task<ServiceResult<AccuracyReport>> BuildReportAsync(StudyCaller caller, AccuracyReportRequest request, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="caller"/> may request live (not frozen) reports now.</summary>
    Task<bool> CanSeeLiveAccuracyAsync(StudyCaller caller, CancellationToken cancellationToken = default);
}

/// <summary>The editable values of the plan.</summary>
public sealed record AnalysisPlanInput(
    double DecisionThreshold,
    string ModelName,
    string ModelVersion,
    string ModelSha256,
    AnalysisPopulation PrimaryPopulation,
    AnalysisLevel PrimaryLevel);

/// <summary>The plan as stored, with who locked it and when.</summary>
public sealed record AnalysisPlanView(
    AnalysisPlanInput Values,
    AnalysisPlanStatus Status,
    string? LockedByUserName,
    DateTime? LockedAtUtc,
    string? LockMeaning,
    Guid Version);

/// <summary>A snapshot without its content.</summary>
public sealed record AnalysisSnapshotView(int Number, DateTime CreatedAtUtc, string CreatedByUserName, int ParticipantCount, int LesionRowCount, string Sha256);

/// <summary>The stored analysis settings.</summary>
public sealed record AnalysisSettingsView(bool LiveAccuracyVisibleToPrincipalInvestigator, DateTime? UpdatedAtUtc, Guid Version);

/// <summary>What a report shows.</summary>
/// <param name="SnapshotNumber">The snapshot to compute on; null for live data.</param>
/// <param name="Population">Which participants count.</param>
/// <param name="Level">Lesions or patients as the unit.</param>
/// <param name="Threshold">Decision threshold; null for the plan's locked threshold.</param>
/// <param name="Language">Language of the report's labels.</param>
public sealed record AccuracyReportRequest(
    int? SnapshotNumber,
    AnalysisPopulation Population,
    AnalysisLevel Level,
    double? Threshold,
    ReportLanguage Language);

/// <summary>Values of <see cref="Auditing.AuditEntry.EntityType"/> for the analysis records.</summary>
public static class AnalysisAuditEntityTypes
{
    public const string Plan = "AnalysisPlan";
    public const string Snapshot = "AnalysisSnapshot";
    public const string Settings = "AnalysisSettings";
}
