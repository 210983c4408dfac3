namespace StudyEdc.Dicom.Series;

/// <summary>
/// A CT series assembled into a 3D grid of Hounsfield units. Voxel (i, j, k) is column i, row j, slice k;
/// its patient-coordinate position (DICOM LPS, millimetres) is
/// <c>Origin + i·Spacing.X·RowDirection + j·Spacing.Y·ColumnDirection + k·Spacing.Z·SliceDirection</c>.
/// </summary>
public sealed class CtVolume
{
    public CtVolume(int width, int height, int depth, float[] voxels, Vector3D spacing, Vector3D origin,
        Vector3D rowDirection, Vector3D columnDirection, Vector3D sliceDirection)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);
        ArgumentNullException.ThrowIfNull(voxels);
        if (voxels.LongLength != (long)width * height * depth)
        {
            throw new ArgumentException(
                $"Voxel buffer has {voxels.LongLength} values but {width}×{height}×{depth} needs {(long)width * height * depth}.",
                nameof(voxels));
        }

        Width = width;
        Height = height;
        Depth = depth;
        Voxels = voxels;
        Spacing = spacing;
        Origin = origin;
        RowDirection = rowDirection;
        ColumnDirection = columnDirection;
        SliceDirection = sliceDirection;
    }

    public int Width { get; }

    public int Height { get; }

    public int Depth { get; }

    /// <summary>HU values, x fastest, then y, then z: index = i + Width·(j + Height·k).</summary>
    public float[] Voxels { get; }

    /// <summary>Column spacing (X), row spacing (Y) and slice spacing (Z) in millimetres.</summary>
    public Vector3D Spacing { get; }

    /// <summary>Patient position of voxel (0, 0, 0): ImagePositionPatient of the first slice.</summary>
    public Vector3D Origin { get; }

    /// <summary>Unit vector along a row (first triplet of ImageOrientationPatient).</summary>
    public Vector3D RowDirection { get; }

    /// <summary>Unit vector down a column (second triplet of ImageOrientationPatient).</summary>
    public Vector3D ColumnDirection { get; }

    /// <summary>Unit vector from one slice to the next, in the order the slices are stored.</summary>
    public Vector3D SliceDirection { get; }

    public float this[int i, int j, int k] => Voxels[i + (Width * (j + (Height * k)))];

    /// <summary>Patient-coordinate position (mm) of a possibly fractional voxel index.</summary>
    public Vector3D IndexToPatient(double i, double j, double k) =>
        Origin
        + (RowDirection * (i * Spacing.X))
        + (ColumnDirection * (j * Spacing.Y))
        + (SliceDirection * (k * Spacing.Z));
}

/// <summary>A point or direction in patient coordinates, millimetres.</summary>
public readonly record struct Vector3D(double X, double Y, double Z)
{
    public static Vector3D operator +(Vector3D a, Vector3D b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    public static Vector3D operator -(Vector3D a, Vector3D b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    public static Vector3D operator *(Vector3D a, double s) => new(a.X * s, a.Y * s, a.Z * s);

    public double Dot(Vector3D other) => (X * other.X) + (Y * other.Y) + (Z * other.Z);

    public Vector3D Cross(Vector3D other) =>
        new((Y * other.Z) - (Z * other.Y), (Z * other.X) - (X * other.Z), (X * other.Y) - (Y * other.X));

    public double Length => Math.Sqrt(Dot(this));

    public Vector3D Normalized()
    {
        var length = Length;
        return length == 0 ? this : this * (1.0 / length);
    }
}
