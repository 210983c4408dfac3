namespace StudyEdc.Inference.Contract;

/// <summary>
/// The fixed interface between StudyEdc and a lesion-detection ONNX model; docs/model-contract.md states it in
/// full. The input is one tensor <c>ct</c> of shape [1, 2, 64, 64, 64] (batch, phase, z, y, x): channel 0 is
/// the arterial phase and channel 1 the portal-venous phase, both resampled onto one axis-aligned grid in
/// patient coordinates at 5 mm spacing, HU clipped to [-100, 300] and scaled to [0, 1]. The outputs are
/// <c>boxes</c> [N, 6] (z0, y0, x0, z1, y1, x1 in continuous voxel coordinates of that grid), <c>scores</c> [N]
/// (detection confidence) and <c>malignancy</c> [N] (probability that the lesion is malignant).
/// </summary>
public static class ModelContract
{
    /// <summary>Voxels along each axis of the model grid.</summary>
    public const int GridSize = 64;

    /// <summary>Isotropic spacing of the model grid in millimetres, so the grid spans 320 mm per axis.</summary>
    public const double SpacingMm = 5.0;

    /// <summary>Lower HU clip; maps to 0.</summary>
    public const float HuMin = -100f;

    /// <summary>Upper HU clip; maps to 1.</summary>
    public const float HuMax = 300f;

    /// <summary>HU given to grid points outside a phase's volume (air), before clipping.</summary>
    public const float OutsideHu = -1000f;

    public const int PhaseCount = 2;

    public const int ArterialChannel = 0;

    public const int PortalVenousChannel = 1;

    public const string InputName = "ct";

    public const string BoxesOutput = "boxes";

    public const string ScoresOutput = "scores";

    public const string MalignancyOutput = "malignancy";

    /// <summary>Values per box: z0, y0, x0, z1, y1, x1.</summary>
    public const int BoxValues = 6;

    /// <summary>Shape of the input tensor: batch, phase, z, y, x.</summary>
    public static IReadOnlyList<long> InputShape { get; } = [1, PhaseCount, GridSize, GridSize, GridSize];

    /// <summary>Number of floats in one input tensor.</summary>
    public const int InputLength = PhaseCount * GridSize * GridSize * GridSize;

    /// <summary>Maps a HU value to the model's input range: clipped to [HuMin, HuMax], then scaled to [0, 1].</summary>
    public static float Normalise(float hu) => (Math.Clamp(hu, HuMin, HuMax) - HuMin) / (HuMax - HuMin);
}
