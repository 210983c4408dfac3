namespace StudyEdc.Inference.Matching;

/// <summary>
/// When a detection counts as finding a reference lesion, bound from <c>Inference:Matching</c>. A pair must meet
/// both thresholds.
/// </summary>
public sealed class BoxMatchingOptions
{
    public const string SectionName = "Inference:Matching";

    /// <summary>Lowest 3D intersection over union of the two boxes; default 0.1.</summary>
    public double MinIou { get; set; } = 0.1;

    /// <summary>Largest distance between the two box centres in mm; default 20 mm.</summary>
    public double MaxCentreDistanceMm { get; set; } = 20.0;
}
