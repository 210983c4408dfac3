using System.Globalization;
using StudyEdc.Dicom.Series;

namespace StudyEdc.Inference.Preprocessing;

/// <summary>
/// The inverse of <see cref="CtVolume.IndexToPatient"/>: the continuous voxel index (i, j, k) of a patient
/// position. The 3×3 matrix is inverted in general, so a slice direction that is not perpendicular to the
/// image plane (gantry tilt) maps correctly too.
/// </summary>
internal sealed class VolumeIndexMap
{
    private readonly Vector3D _origin;
    private readonly Vector3D _row0;
    private readonly Vector3D _row1;
    private readonly Vector3D _row2;

    public VolumeIndexMap(CtVolume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        _origin = volume.Origin;

        // Columns of the forward matrix: the patient-space step of one voxel along i, j and k.
        var a = volume.RowDirection * volume.Spacing.X;
        var b = volume.ColumnDirection * volume.Spacing.Y;
        var c = volume.SliceDirection * volume.Spacing.Z;
        var determinant = a.Dot(b.Cross(c));
        if (Math.Abs(determinant) < 1e-9)
        {
            throw new InferenceException(string.Create(CultureInfo.InvariantCulture,
                $"The volume's axes are degenerate (determinant {determinant:G3} of spacing × direction): check ImageOrientationPatient, PixelSpacing and the slice spacing."));
        }

        // Rows of the inverse: the cross products of the columns divided by the determinant.
        _row0 = b.Cross(c) * (1.0 / determinant);
        _row1 = c.Cross(a) * (1.0 / determinant);
        _row2 = a.Cross(b) * (1.0 / determinant);
    }

    /// <summary>Continuous voxel index (column i, row j, slice k) of a patient position.</summary>
    public (double I, double J, double K) PatientToIndex(Vector3D position)
    {
        var offset = position - _origin;
        return (_row0.Dot(offset), _row1.Dot(offset), _row2.Dot(offset));
    }

    /// <summary>Change of the continuous index for a patient-space step <paramref name="step"/>.</summary>
    public (double I, double J, double K) IndexStep(Vector3D step) => (_row0.Dot(step), _row1.Dot(step), _row2.Dot(step));
}
