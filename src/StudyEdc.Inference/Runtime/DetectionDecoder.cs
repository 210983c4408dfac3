using StudyEdc.Dicom.Series;
using StudyEdc.Inference.Contract;
using StudyEdc.Inference.Preprocessing;

namespace StudyEdc.Inference.Runtime;

/// <summary>Turns the model's raw outputs into detections placed in patient space and in each phase's volume.</summary>
internal static class DetectionDecoder
{
    /// <summary>
    /// Builds detections sorted by decreasing score (ties keep the model's order).
    /// </summary>
    /// <exception cref="InferenceException">The output lengths disagree with each other or with [N, 6].</exception>
    public static IReadOnlyList<Detection> Decode(ReadOnlySpan<float> boxes, ReadOnlySpan<float> scores,
        ReadOnlySpan<float> malignancy, ModelGrid grid, CtVolume arterial, CtVolume portalVenous)
    {
        var count = scores.Length;
        if (boxes.Length != count * ModelContract.BoxValues || malignancy.Length != count)
        {
            throw new InferenceException(
                $"The model returned {boxes.Length} box values, {count} scores and {malignancy.Length} malignancy "
                + $"values; the contract requires {ModelContract.BoxValues} box values per score and one malignancy per score.");
        }

        var arterialMap = new VolumeIndexMap(arterial);
        var portalMap = new VolumeIndexMap(portalVenous);
        var detections = new List<Detection>(count);
        for (var n = 0; n < count; n++)
        {
            var b = boxes.Slice(n * ModelContract.BoxValues, ModelContract.BoxValues);
            var gridBox = new GridBox(
                Math.Min(b[0], b[3]), Math.Min(b[1], b[4]), Math.Min(b[2], b[5]),
                Math.Max(b[0], b[3]), Math.Max(b[1], b[4]), Math.Max(b[2], b[5]));
            var patientBox = new PatientBox(grid.GridToPatient(gridBox.Z0, gridBox.Y0, gridBox.X0),
                grid.GridToPatient(gridBox.Z1, gridBox.Y1, gridBox.X1));
            detections.Add(new Detection(scores[n], malignancy[n], gridBox, patientBox,
                ToVoxelBox(patientBox, arterialMap), ToVoxelBox(patientBox, portalMap)));
        }

        return [.. detections.OrderByDescending(detection => detection.Score)];
    }

    internal static VoxelBox ToVoxelBox(PatientBox box, VolumeIndexMap map)
    {
        double i0 = double.MaxValue, j0 = double.MaxValue, k0 = double.MaxValue;
        double i1 = double.MinValue, j1 = double.MinValue, k1 = double.MinValue;
        foreach (var x in new[] { box.Min.X, box.Max.X })
        {
            foreach (var y in new[] { box.Min.Y, box.Max.Y })
            {
                foreach (var z in new[] { box.Min.Z, box.Max.Z })
                {
                    var (i, j, k) = map.PatientToIndex(new Vector3D(x, y, z));
                    (i0, j0, k0) = (Math.Min(i0, i), Math.Min(j0, j), Math.Min(k0, k));
                    (i1, j1, k1) = (Math.Max(i1, i), Math.Max(j1, j), Math.Max(k1, k));
                }
            }
        }

        return new VoxelBox(i0, j0, k0, i1, j1, k1);
    }
}
