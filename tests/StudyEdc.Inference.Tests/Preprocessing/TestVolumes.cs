using StudyEdc.Dicom.Series;

namespace StudyEdc.Inference.Tests.Preprocessing;

/// <summary>Small <see cref="CtVolume"/> builders with the usual axial orientation unless stated.</summary>
internal static class TestVolumes
{
    public static readonly Vector3D X = new(1, 0, 0);
    public static readonly Vector3D Y = new(0, 1, 0);
    public static readonly Vector3D Z = new(0, 0, 1);

    /// <summary>A volume whose HU at voxel (i, j, k) is <paramref name="value"/>(i, j, k).</summary>
    public static CtVolume Create(int width, int height, int depth, Vector3D spacing, Vector3D origin,
        Func<int, int, int, float> value, Vector3D? sliceDirection = null)
    {
        var voxels = new float[width * height * depth];
        for (var k = 0; k < depth; k++)
        {
            for (var j = 0; j < height; j++)
            {
                for (var i = 0; i < width; i++)
                {
                    voxels[i + (width * (j + (height * k)))] = value(i, j, k);
                }
            }
        }

        return new CtVolume(width, height, depth, voxels, spacing, origin, X, Y, sliceDirection ?? Z);
    }

    public static CtVolume Constant(int size, double spacing, Vector3D origin, float hu) =>
        Create(size, size, size, new Vector3D(spacing, spacing, spacing), origin, (_, _, _) => hu);
}
