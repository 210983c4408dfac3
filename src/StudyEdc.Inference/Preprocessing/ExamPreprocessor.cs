using StudyEdc.Dicom.Series;
using StudyEdc.Inference.Contract;

namespace StudyEdc.Inference.Preprocessing;

/// <summary>
/// The model's input for one exam: <see cref="Tensor"/> contains [phase, z, y, x] with x fastest (the contract's
/// [1, 2, 64, 64, 64] without the batch axis), placed in patient coordinates by <see cref="Grid"/>.
/// </summary>
public sealed record PreprocessedExam(ModelGrid Grid, float[] Tensor);

/// <summary>Resamples the arterial and portal-venous volumes onto the model grid as the contract states.</summary>
public static class ExamPreprocessor
{
    private const int VoxelsPerPhase = ModelContract.GridSize * ModelContract.GridSize * ModelContract.GridSize;

    /// <summary>
    /// Builds the input tensor: the grid is centred on the overlap of the two volumes, each phase is sampled
    /// trilinearly at the grid's voxel centres (air outside its volume), clipped to [-100, 300] HU and scaled to
    /// [0, 1].
    /// </summary>
    /// <exception cref="InferenceException">The volumes do not overlap or a volume's geometry is degenerate.</exception>
    public static PreprocessedExam Preprocess(CtVolume arterial, CtVolume portalVenous)
    {
        var grid = ModelGrid.CenteredOnOverlap(arterial, portalVenous);
        var tensor = new float[ModelContract.InputLength];
        Resample(arterial, grid, tensor.AsSpan(ModelContract.ArterialChannel * VoxelsPerPhase, VoxelsPerPhase));
        Resample(portalVenous, grid, tensor.AsSpan(ModelContract.PortalVenousChannel * VoxelsPerPhase, VoxelsPerPhase));
        return new PreprocessedExam(grid, tensor);
    }

    /// <summary>Fills one phase's channel, z slowest and x fastest, with normalised values.</summary>
    internal static void Resample(CtVolume volume, ModelGrid grid, Span<float> destination)
    {
        var map = new VolumeIndexMap(volume);
        var start = map.PatientToIndex(grid.Origin);
        var stepX = map.IndexStep(new Vector3D(ModelContract.SpacingMm, 0, 0));
        var stepY = map.IndexStep(new Vector3D(0, ModelContract.SpacingMm, 0));
        var stepZ = map.IndexStep(new Vector3D(0, 0, ModelContract.SpacingMm));
        const int size = ModelContract.GridSize;

        // The grid is axis-aligned, so the volume index moves by a constant step along each grid axis.
        var position = 0;
        for (var z = 0; z < size; z++)
        {
            for (var y = 0; y < size; y++)
            {
                var i = start.I + (z * stepZ.I) + (y * stepY.I);
                var j = start.J + (z * stepZ.J) + (y * stepY.J);
                var k = start.K + (z * stepZ.K) + (y * stepY.K);
                for (var x = 0; x < size; x++)
                {
                    var hu = TrilinearSampler.Sample(volume, i + (x * stepX.I), j + (x * stepX.J), k + (x * stepX.K),
                        ModelContract.OutsideHu);
                    destination[position++] = ModelContract.Normalise(hu);
                }
            }
        }
    }
}
