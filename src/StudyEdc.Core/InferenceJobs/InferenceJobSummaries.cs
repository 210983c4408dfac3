namespace StudyEdc.Core.InferenceJobs;

/// <summary>A job's status and progress for the UI.</summary>
public sealed record InferenceJobSummary(
    long Id,
    InferenceJobStatus Status,
    string Step,
    int Attempts,
    int MaxAttempts,
    string? LastError,
    string ModelName,
    string ModelVersion,
    string ModelSha256,
    string? ExecutionProvider,
    DateTime CreatedAtUtc,
    DateTime? CompletedAtUtc);

/// <summary>A stored detection, with its boxes in voxel indices of both phases (column i, row j, slice k).</summary>
public sealed record PredictionSummary(
    long Id,
    long JobId,
    double Score,
    double Malignancy,
    VoxelRange Arterial,
    VoxelRange PortalVenous,
    string ModelName,
    string ModelVersion);

/// <summary>A continuous voxel-index box; integers are voxel centres.</summary>
public sealed record VoxelRange(double I0, double J0, double K0, double I1, double J1, double K1);
