using System.Globalization;

namespace StudyEdc.Dicom.Series;

/// <summary>Where one slice comes from: a file, and the frame within it (0 for single-frame images).</summary>
public sealed record SliceReference(string Source, int Frame, int? InstanceNumber, string? SopInstanceUid)
{
    /// <summary>File name, frame (for multi-frame objects) and InstanceNumber, for messages.</summary>
    public override string ToString()
    {
        var text = Path.GetFileName(Source);
        if (Frame > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" frame {Frame + 1}");
        }

        return InstanceNumber is { } number
            ? text + string.Create(CultureInfo.InvariantCulture, $" (instance {number})")
            : text;
    }
}

/// <summary>
/// The geometry of one slice, read from the file's header before any pixel data is decoded. Position and
/// directions are null when the file lacks ImagePositionPatient or ImageOrientationPatient.
/// </summary>
public sealed record SliceHeader(
    SliceReference Reference,
    int Rows,
    int Columns,
    Vector3D? Position,
    Vector3D? RowDirection,
    Vector3D? ColumnDirection,
    double? RowSpacing,
    double? ColumnSpacing,
    double? SliceThickness,
    int SamplesPerPixel);
