using StudyEdc.Reports.Model;

namespace StudyEdc.Core.Analysis;

/// <summary>
/// The statistical analysis plan of the study, one row: the decision threshold, the model whose scores are
/// analysed, and the primary population and level. The Principal Investigator locks it with a signature before
/// any accuracy is computed. A locked plan cannot change, and unlocking is audited with a reason.
/// </summary>
public class AnalysisPlan
{
    /// <summary>Key of the one plan row.</summary>
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>A score at or above it is test-positive (malignant); between 0 and 1.</summary>
    public double DecisionThreshold { get; set; } = 0.5;

    /// <summary>Model name from its model card; only detections of this model are analysed.</summary>
    public string ModelName { get; set; } = "";

    public string ModelVersion { get; set; } = "";

    /// <summary>Lower-case hexadecimal SHA-256 of the ONNX file.</summary>
    public string ModelSha256 { get; set; } = "";

    /// <summary>The population of the primary analysis; reports may show the others as secondary analyses.</summary>
    public AnalysisPopulation PrimaryPopulation { get; set; } = AnalysisPopulation.PerProtocol;

    /// <summary>The unit of the primary analysis.</summary>
    public AnalysisLevel PrimaryLevel { get; set; } = AnalysisLevel.Lesion;

    public AnalysisPlanStatus Status { get; set; } = AnalysisPlanStatus.Draft;

    /// <summary>Identity user id of the investigator who locked the plan; null while it is a draft.</summary>
    public string? LockedByUserId { get; set; }

    public string? LockedByUserName { get; set; }

    public DateTime? LockedAtUtc { get; set; }

    /// <summary>The meaning of the lock signature exactly as the signer saw it.</summary>
    public string? LockMeaning { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Optimistic concurrency token, changed on every update.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>Life cycle of the analysis plan.</summary>
public enum AnalysisPlanStatus
{
    /// <summary>Editable; no accuracy may be computed.</summary>
    Draft,

    /// <summary>Signed by the Principal Investigator; snapshots and reports are allowed, changes are not.</summary>
    Locked,
}

/// <summary>
/// A frozen, numbered analysis dataset: the canonical JSON of every analysis row at the time it was taken, with its
/// SHA-256. Rows are only ever added; no service updates or deletes a snapshot, and <see cref="Sha256"/> lets
/// anyone check that <see cref="Content"/> is unchanged.
/// </summary>
public class AnalysisSnapshot
{
    public int Id { get; set; }

    /// <summary>1, 2, 3, … in order of creation; what reports and people cite.</summary>
    public int Number { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedByUserId { get; set; } = "";

    public string CreatedByUserName { get; set; } = "";

    /// <summary>Number of lesion rows in the dataset.</summary>
    public int LesionRowCount { get; set; }

    /// <summary>Number of participants in the dataset.</summary>
    public int ParticipantCount { get; set; }

    /// <summary>Lower-case hexadecimal SHA-256 of the UTF-8 bytes of <see cref="Content"/>.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>The dataset as canonical JSON (see <see cref="AnalysisDatasetJson"/>).</summary>
    public string Content { get; set; } = "";
}

/// <summary>Study-wide analysis settings, one row, changed only by an Administrator with a reason.</summary>
public class AnalysisSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>
    /// Whether the Principal Investigator may view accuracy computed on live data. False by default, because live
    /// per-site accuracy can bias the reference-standard work still going on. The PI then views snapshots only.
    /// </summary>
    public bool LiveAccuracyVisibleToPrincipalInvestigator { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
}
