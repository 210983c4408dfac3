namespace StudyEdc.Dicom.Pixels;

/// <summary>
/// Where a frame lies in patient coordinates (millimetres, DICOM LPS), from the frame's functional groups for an
/// enhanced multi-frame object, else from the Shared Functional Groups, else from the top-level attributes.
/// Each member is null when no source has it.
/// </summary>
public sealed record DicomFrameGeometry(
    double[]? ImagePositionPatient,
    double[]? ImageOrientationPatient,
    double[]? PixelSpacing,
    double? SliceThickness);

/// <summary>The linear Modality LUT of a frame: HU (for CT) = stored value × Slope + Intercept.</summary>
public readonly record struct DicomRescale(double Slope, double Intercept)
{
    public double Apply(double storedValue) => (storedValue * Slope) + Intercept;
}
