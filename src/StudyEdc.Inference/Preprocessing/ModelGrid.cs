using StudyEdc.Dicom.Series;
using StudyEdc.Inference.Contract;

namespace StudyEdc.Inference.Preprocessing;

/// <summary>
/// Placement of the model grid in patient coordinates (LPS, mm). The grid is axis-aligned: tensor index
/// (z, y, x) has its voxel centre at <c>Origin + (x, y, z)·SpacingMm</c>, so x runs towards the patient's left,
/// y posterior and z superior. <see cref="Origin"/> is the centre of voxel (0, 0, 0).
/// </summary>
public sealed record ModelGrid(Vector3D Origin)
{
    /// <summary>
    /// Centres the grid on the intersection of the two volumes' extents (the boxes spanned by their voxel
    /// centres), so the part both phases cover is in the middle. The grid keeps its fixed size: where the
    /// intersection is longer than 320 mm along an axis, the ends are left out.
    /// </summary>
    /// <exception cref="InferenceException">The two volumes do not overlap along some axis.</exception>
    public static ModelGrid CenteredOnOverlap(CtVolume arterial, CtVolume portalVenous)
    {
        ArgumentNullException.ThrowIfNull(arterial);
        ArgumentNullException.ThrowIfNull(portalVenous);

        var (arterialMin, arterialMax) = Extent(arterial);
        var (portalMin, portalMax) = Extent(portalVenous);
        var min = new Vector3D(Math.Max(arterialMin.X, portalMin.X), Math.Max(arterialMin.Y, portalMin.Y),
            Math.Max(arterialMin.Z, portalMin.Z));
        var max = new Vector3D(Math.Min(arterialMax.X, portalMax.X), Math.Min(arterialMax.Y, portalMax.Y),
            Math.Min(arterialMax.Z, portalMax.Z));
        if (max.X < min.X || max.Y < min.Y || max.Z < min.Z)
        {
            throw new InferenceException(
                $"The arterial and portal-venous volumes do not overlap in patient coordinates: arterial spans "
                + $"{Format(arterialMin)} to {Format(arterialMax)} mm, portal-venous {Format(portalMin)} to "
                + $"{Format(portalMax)} mm. Check that both series belong to the same exam and frame of reference.");
        }

        var centre = (min + max) * 0.5;
        var halfSpan = (ModelContract.GridSize - 1) / 2.0 * ModelContract.SpacingMm;
        return new ModelGrid(centre - new Vector3D(halfSpan, halfSpan, halfSpan));
    }

    /// <summary>Patient position (mm) of a continuous grid coordinate given in tensor order (z, y, x).</summary>
    public Vector3D GridToPatient(double z, double y, double x) =>
        Origin + (new Vector3D(x, y, z) * ModelContract.SpacingMm);

    /// <summary>Continuous grid coordinate (z, y, x) of a patient position.</summary>
    public (double Z, double Y, double X) PatientToGrid(Vector3D position)
    {
        var offset = (position - Origin) * (1.0 / ModelContract.SpacingMm);
        return (offset.Z, offset.Y, offset.X);
    }

    /// <summary>Lowest and highest patient coordinates of a volume's voxel centres, per axis.</summary>
    internal static (Vector3D Min, Vector3D Max) Extent(CtVolume volume)
    {
        var min = new Vector3D(double.MaxValue, double.MaxValue, double.MaxValue);
        var max = new Vector3D(double.MinValue, double.MinValue, double.MinValue);
        foreach (var i in new[] { 0, volume.Width - 1 })
        {
            foreach (var j in new[] { 0, volume.Height - 1 })
            {
                foreach (var k in new[] { 0, volume.Depth - 1 })
                {
                    var corner = volume.IndexToPatient(i, j, k);
                    min = new Vector3D(Math.Min(min.X, corner.X), Math.Min(min.Y, corner.Y), Math.Min(min.Z, corner.Z));
                    max = new Vector3D(Math.Max(max.X, corner.X), Math.Max(max.Y, corner.Y), Math.Max(max.Z, corner.Z));
                }
            }
        }

        return (min, max);
    }

    private static string Format(Vector3D point) => FormattableString.Invariant($"({point.X:0.#}, {point.Y:0.#}, {point.Z:0.#})");
}
