using StudyEdc.Dicom.Series;

namespace StudyEdc.Inference.Preprocessing;

/// <summary>Trilinear interpolation of a <see cref="CtVolume"/> at a continuous voxel index.</summary>
internal static class TrilinearSampler
{
    /// <summary>
    /// Interpolates the HU at continuous index (i, j, k), where integer indices are voxel centres. Within half a
    /// voxel outside the outermost centres the edge value is used; further out <paramref name="outside"/> is
    /// returned.
    /// </summary>
    public static float Sample(CtVolume volume, double i, double j, double k, float outside)
    {
        if (!TryAxis(i, volume.Width, out var i0, out var i1, out var ti)
            || !TryAxis(j, volume.Height, out var j0, out var j1, out var tj)
            || !TryAxis(k, volume.Depth, out var k0, out var k1, out var tk))
        {
            return outside;
        }

        var voxels = volume.Voxels;
        var width = volume.Width;
        var plane = width * volume.Height;

        // Interpolate along i on the four edges, then along j, then along k.
        var c00 = Lerp(voxels[i0 + (j0 * width) + (k0 * plane)], voxels[i1 + (j0 * width) + (k0 * plane)], ti);
        var c10 = Lerp(voxels[i0 + (j1 * width) + (k0 * plane)], voxels[i1 + (j1 * width) + (k0 * plane)], ti);
        var c01 = Lerp(voxels[i0 + (j0 * width) + (k1 * plane)], voxels[i1 + (j0 * width) + (k1 * plane)], ti);
        var c11 = Lerp(voxels[i0 + (j1 * width) + (k1 * plane)], voxels[i1 + (j1 * width) + (k1 * plane)], ti);
        var c0 = Lerp(c00, c10, tj);
        var c1 = Lerp(c01, c11, tj);
        return (float)Lerp(c0, c1, tk);
    }

    private static bool TryAxis(double u, int size, out int lower, out int upper, out double fraction)
    {
        if (double.IsNaN(u) || u < -0.5 || u > size - 0.5)
        {
            lower = upper = 0;
            fraction = 0;
            return false;
        }

        var clamped = Math.Clamp(u, 0, size - 1);
        lower = Math.Min((int)Math.Floor(clamped), Math.Max(size - 2, 0));
        upper = Math.Min(lower + 1, size - 1);
        fraction = clamped - lower;
        return true;
    }

    private static double Lerp(double a, double b, double t) => a + ((b - a) * t);
}
