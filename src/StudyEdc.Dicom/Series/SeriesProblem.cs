namespace StudyEdc.Dicom.Series;

/// <summary>A problem found while assembling a series.</summary>
public enum SeriesProblemKind
{
    /// <summary>A slice has no ImagePositionPatient, ImageOrientationPatient or PixelSpacing, or an invalid one.</summary>
    MissingGeometry,

    /// <summary>Slices have different ImageOrientationPatient.</summary>
    MixedOrientation,

    /// <summary>Slices have different Rows, Columns or PixelSpacing.</summary>
    MixedSize,

    /// <summary>Different instances lie at the same position along the slice normal.</summary>
    DuplicatePosition,

    /// <summary>The same SOPInstanceUID appears in more than one file; the copies were left out.</summary>
    DuplicateInstance,

    /// <summary>A gap between neighbouring slices is more than 1.5 times the median spacing.</summary>
    MissingSlices,

    /// <summary>A gap differs from the median spacing by more than the tolerance but is no missing slice.</summary>
    UnevenSpacing,

    /// <summary>Pixel data are not one sample per pixel (CT is grayscale).</summary>
    NotGrayscale,

    /// <summary>No RescaleSlope/RescaleIntercept: stored values were taken as HU.</summary>
    NoRescale,

    /// <summary>Modality is not CT.</summary>
    NotCt,
}

/// <summary>Whether a problem stops assembly (<see cref="Error"/>) or leaves a volume whose caveat the report states.</summary>
public enum SeriesProblemSeverity
{
    Warning,
    Error,
}

/// <summary>One problem of a series, with the slices it concerns and an English description for logs and the command line.</summary>
public sealed record SeriesProblem(SeriesProblemKind Kind, SeriesProblemSeverity Severity, string Description,
    IReadOnlyList<SliceReference> Slices);
