using StudyEdc.Dicom.Series;

namespace StudyEdc.Inference.Runtime;

/// <summary>
/// A box in continuous voxel coordinates of the model grid, in the contract's order (z0, y0, x0, z1, y1, x1);
/// integer coordinates are voxel centres.
/// </summary>
public readonly record struct GridBox(double Z0, double Y0, double X0, double Z1, double Y1, double X1);

/// <summary>An axis-aligned box in patient coordinates (LPS, mm) from <see cref="Min"/> to <see cref="Max"/>.</summary>
public readonly record struct PatientBox(Vector3D Min, Vector3D Max)
{
    public Vector3D Centre => (Min + Max) * 0.5;

    /// <summary>Volume in mm³; zero for a box that is flat or inverted along any axis.</summary>
    public double Volume =>
        Math.Max(0, Max.X - Min.X) * Math.Max(0, Max.Y - Min.Y) * Math.Max(0, Max.Z - Min.Z);

    /// <summary>Intersection over union of the two boxes' volumes; 0 when the union has no volume.</summary>
    public double IntersectionOverUnion(PatientBox other)
    {
        var overlap = new PatientBox(
            new Vector3D(Math.Max(Min.X, other.Min.X), Math.Max(Min.Y, other.Min.Y), Math.Max(Min.Z, other.Min.Z)),
            new Vector3D(Math.Min(Max.X, other.Max.X), Math.Min(Max.Y, other.Max.Y), Math.Min(Max.Z, other.Max.Z)));
        var intersection = overlap.Volume;
        var union = Volume + other.Volume - intersection;
        return union > 0 ? intersection / union : 0;
    }

    /// <summary>Distance between the two boxes' centres in mm.</summary>
    public double CentreDistance(PatientBox other) => (Centre - other.Centre).Length;
}

/// <summary>
/// The voxel-index box of a detection in one phase's volume: column i, row j and slice k ranges as continuous
/// indices (integers are voxel centres), the smallest box that contains the patient box's eight corners.
/// </summary>
public readonly record struct VoxelBox(double I0, double J0, double K0, double I1, double J1, double K1);

/// <summary>
/// One lesion the model found. <see cref="Score"/> is the detection confidence and <see cref="Malignancy"/> the
/// probability that the lesion is malignant, both in [0, 1].
/// </summary>
public sealed record Detection(
    float Score,
    float Malignancy,
    GridBox GridBox,
    PatientBox PatientBox,
    VoxelBox ArterialVoxels,
    VoxelBox PortalVenousVoxels);

/// <summary>Wall-clock time of each step of one exam's inference.</summary>
public sealed record InferenceTimings(TimeSpan Preprocess, TimeSpan Inference, TimeSpan Postprocess);

/// <summary>What one model returned for one exam, with the model and execution provider it came from.</summary>
public sealed record DetectionResult(
    ModelReference Model,
    string ExecutionProvider,
    IReadOnlyList<Detection> Detections,
    InferenceTimings Timings);
