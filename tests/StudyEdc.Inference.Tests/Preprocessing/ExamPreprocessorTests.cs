using StudyEdc.Dicom.Series;
using StudyEdc.Inference.Contract;
using StudyEdc.Inference.Preprocessing;

namespace StudyEdc.Inference.Tests.Preprocessing;

public sealed class ExamPreprocessorTests
{
    private const int Size = ModelContract.GridSize;
    private const int PhaseLength = Size * Size * Size;

    // Two voxels per axis, 10 mm apart, with a multilinear HU field that trilinear interpolation reproduces exactly:
    // hu(i, j, k) = 100·i + 40·j + 200·k + 80·i·j·k.
    private static readonly CtVolume TinyVolume = TestVolumes.Create(2, 2, 2, new Vector3D(10, 10, 10), new Vector3D(0, 0, 0),
        (i, j, k) => (100 * i) + (40 * j) + (200 * k) + (80 * i * j * k));

    private static float At(float[] tensor, int phase, int z, int y, int x) =>
        tensor[(phase * PhaseLength) + (((z * Size) + y) * Size) + x];

    [Fact]
    public void Grid_is_centred_on_overlap()
    {
        var arterial = TestVolumes.Create(4, 4, 11, new Vector3D(10, 10, 10), new Vector3D(0, 0, 0), (_, _, _) => 0);
        var portal = TestVolumes.Create(4, 4, 16, new Vector3D(10, 10, 10), new Vector3D(0, 0, 50), (_, _, _) => 0);

        var grid = ModelGrid.CenteredOnOverlap(arterial, portal);

        // Overlap: x and y 0..30 mm, z 50..100 mm; centre (15, 15, 75); origin = centre - 31.5 · 5 mm.
        Assert.Equal(new Vector3D(15 - 157.5, 15 - 157.5, 75 - 157.5), grid.Origin);
    }

    [Fact]
    public void Grid_maps_voxel_coordinates_to_patient_millimetres()
    {
        var grid = new ModelGrid(new Vector3D(-100, -50, 20));

        var position = grid.GridToPatient(z: 2, y: 1, x: 4);

        Assert.Equal(new Vector3D(-80, -45, 30), position);
    }

    [Fact]
    public void Volumes_that_do_not_overlap_are_rejected()
    {
        var arterial = TestVolumes.Constant(2, 10, new Vector3D(0, 0, 0), 0);
        var portal = TestVolumes.Constant(2, 10, new Vector3D(0, 0, 500), 0);

        var exception = Assert.Throws<InferenceException>(() => ExamPreprocessor.Preprocess(arterial, portal));

        Assert.Contains("do not overlap", exception.Message, StringComparison.Ordinal);
        Assert.Contains("(0, 0, 0) to (10, 10, 10)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("(0, 0, 500) to (10, 10, 510)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resampling_matches_hand_computed_trilinear_values()
    {
        var exam = ExamPreprocessor.Preprocess(TinyVolume, TinyVolume);

        // The grid is centred at (5, 5, 5) mm, so grid index 31 lies at 2.5 mm (volume index 0.25) and 32 at 7.5 mm (0.75).
        // (0.25, 0.25, 0.25): 25 + 10 + 50 + 80/64 = 86.25 HU, normalised (86.25 + 100) / 400.
        Assert.Equal(0.465625f, At(exam.Tensor, 0, 31, 31, 31), 6);
        // (i, j, k) = (0.75, 0.25, 0.75): 75 + 10 + 150 + 80·0.140625 = 246.25 HU.
        Assert.Equal(0.865625f, At(exam.Tensor, 0, 32, 31, 32), 6);
        Assert.Equal(0.865625f, At(exam.Tensor, 1, 32, 31, 32), 6);
    }

    [Fact]
    public void Resampling_uses_edge_values_within_half_a_voxel()
    {
        var exam = ExamPreprocessor.Preprocess(TinyVolume, TinyVolume);

        // Grid x index 30 lies at -2.5 mm, volume index -0.25: the edge voxel's value at i = 0.
        // (0, 0.25, 0.25): 10 + 50 = 60 HU, normalised (60 + 100) / 400 = 0.4.
        Assert.Equal(0.4f, At(exam.Tensor, 0, 31, 31, 30), 6);
    }

    [Fact]
    public void Grid_points_outside_a_volume_are_air()
    {
        var exam = ExamPreprocessor.Preprocess(TinyVolume, TinyVolume);

        // Grid x index 29 lies at -7.5 mm, more than half a voxel (5 mm) outside: -1000 HU, clipped to 0.
        Assert.Equal(0f, At(exam.Tensor, 0, 31, 31, 29));
        Assert.Equal(0f, At(exam.Tensor, 1, 0, 0, 0));
    }

    [Theory]
    [InlineData(1000f, 1f)]
    [InlineData(300f, 1f)]
    [InlineData(100f, 0.5f)]
    [InlineData(-100f, 0f)]
    [InlineData(-500f, 0f)]
    public void Hounsfield_units_are_clipped_and_normalised(float hu, float expected)
    {
        var volume = TestVolumes.Constant(2, 10, new Vector3D(0, 0, 0), hu);

        var exam = ExamPreprocessor.Preprocess(volume, volume);

        Assert.Equal(expected, At(exam.Tensor, 0, 32, 32, 32), 6);
    }

    [Fact]
    public void Phases_go_to_their_channels()
    {
        var arterial = TestVolumes.Constant(2, 10, new Vector3D(0, 0, 0), 100);
        var portal = TestVolumes.Constant(2, 10, new Vector3D(0, 0, 0), 200);

        var exam = ExamPreprocessor.Preprocess(arterial, portal);

        Assert.Equal(0.5f, At(exam.Tensor, ModelContract.ArterialChannel, 32, 32, 32), 6);
        Assert.Equal(0.75f, At(exam.Tensor, ModelContract.PortalVenousChannel, 32, 32, 32), 6);
    }

    [Fact]
    public void Slice_order_does_not_change_the_tensor()
    {
        static float Field(int i, int j, int k) => (3 * i) + (5 * j) + (7 * k);
        var ascending = TestVolumes.Create(20, 20, 30, new Vector3D(8, 8, 6), new Vector3D(-80, -80, -90), Field);
        // The same field stored head first: slice k of this volume is slice 29 - k of the ascending one.
        var descending = TestVolumes.Create(20, 20, 30, new Vector3D(8, 8, 6), new Vector3D(-80, -80, 84),
            (i, j, k) => Field(i, j, 29 - k), sliceDirection: new Vector3D(0, 0, -1));

        var fromAscending = ExamPreprocessor.Preprocess(ascending, ascending);
        var fromDescending = ExamPreprocessor.Preprocess(descending, descending);

        Assert.Equal(fromAscending.Grid.Origin, fromDescending.Grid.Origin);
        for (var index = 0; index < fromAscending.Tensor.Length; index++)
        {
            Assert.Equal(fromAscending.Tensor[index], fromDescending.Tensor[index], 5);
        }
    }

    [Fact]
    public void Index_map_inverts_a_tilted_volume()
    {
        // A gantry tilt of 15° about x: slices step along z and y, not perpendicular to the image plane.
        var tilt = 15 * Math.PI / 180;
        var slice = new Vector3D(0, Math.Sin(tilt), Math.Cos(tilt));
        var volume = TestVolumes.Create(4, 4, 4, new Vector3D(0.7, 0.8, 2.5), new Vector3D(-10, 20, 30), (_, _, _) => 0,
            sliceDirection: slice);
        var map = new VolumeIndexMap(volume);

        var (i, j, k) = map.PatientToIndex(volume.IndexToPatient(1.5, 2.25, 3.75));

        Assert.Equal(1.5, i, 9);
        Assert.Equal(2.25, j, 9);
        Assert.Equal(3.75, k, 9);
    }
}
