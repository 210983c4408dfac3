namespace StudyEdc.Core.InferenceJobs;

/// <summary>The status of an inference job.</summary>
public enum InferenceJobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,

    /// <summary>Stopped before it finished, because a series it reads was removed.</summary>
    Cancelled,
}

/// <summary>
/// One run of a model on one exam's confirmed arterial and portal-venous series: a row of the durable queue.
/// A worker owns a running job while <see cref="LeaseExpiresAtUtc"/> lies ahead; a job whose lease expired is
/// claimed again by the next worker.
/// </summary>
public class InferenceJob
{
    public long Id { get; set; }

    public int ExamId { get; set; }

    public int SiteId { get; set; }

    public int ArterialSeriesId { get; set; }

    public int PortalVenousSeriesId { get; set; }

    public string ModelName { get; set; } = "";

    public string ModelVersion { get; set; } = "";

    /// <summary>Lower-case hexadecimal SHA-256 of the model file.</summary>
    public string ModelSha256 { get; set; } = "";

    public InferenceJobStatus Status { get; set; }

    /// <summary>The step of a running job, and <c>Done</c> or <c>Queued</c> otherwise (an InferenceStep name).</summary>
    public string Step { get; set; } = "Queued";

    /// <summary>Claims so far, including one whose worker died.</summary>
    public int Attempts { get; set; }

    public int MaxAttempts { get; set; }

    /// <summary>Why the last attempt failed (English, from the worker); null when none failed.</summary>
    public string? LastError { get; set; }

    /// <summary>Worker that owns the job while it runs.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>Identifies the current claim, so a worker whose lease expired cannot write over its successor.</summary>
    public Guid? LeaseToken { get; set; }

    public DateTime? LeaseExpiresAtUtc { get; set; }

    /// <summary>A queued job is not claimed before this time (retry delay).</summary>
    public DateTime AvailableAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime? StartedAtUtc { get; set; }

    public DateTime? CompletedAtUtc { get; set; }

    public string? ExecutionProvider { get; set; }

    public List<InferencePrediction> Predictions { get; set; } = [];
}

/// <summary>
/// One detection stored by a job, with its score, malignancy probability and the model it came from. The box is
/// stored in patient coordinates (LPS, mm) and in voxel indices of each phase's volume (column i, row j, slice k),
/// where integers are voxel centres.
/// </summary>
public class InferencePrediction
{
    public long Id { get; set; }

    public long JobId { get; set; }

    public int ExamId { get; set; }

    public int SiteId { get; set; }

    public double Score { get; set; }

    public double Malignancy { get; set; }

    public double PatientMinX { get; set; }

    public double PatientMinY { get; set; }

    public double PatientMinZ { get; set; }

    public double PatientMaxX { get; set; }

    public double PatientMaxY { get; set; }

    public double PatientMaxZ { get; set; }

    public double ArterialI0 { get; set; }

    public double ArterialJ0 { get; set; }

    public double ArterialK0 { get; set; }

    public double ArterialI1 { get; set; }

    public double ArterialJ1 { get; set; }

    public double ArterialK1 { get; set; }

    public double PortalVenousI0 { get; set; }

    public double PortalVenousJ0 { get; set; }

    public double PortalVenousK0 { get; set; }

    public double PortalVenousI1 { get; set; }

    public double PortalVenousJ1 { get; set; }

    public double PortalVenousK1 { get; set; }

    public string ModelName { get; set; } = "";

    public string ModelVersion { get; set; } = "";

    public string ModelSha256 { get; set; } = "";
}
