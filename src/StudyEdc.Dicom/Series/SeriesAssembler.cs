using System.Globalization;
using StudyEdc.Dicom.Pixels;

namespace StudyEdc.Dicom.Series;

/// <summary>A series assembled into a volume, or the problems that stopped it. <see cref="Problems"/> lists warnings too.</summary>
public sealed record SeriesAssemblyResult(string SeriesInstanceUid, CtVolume? Volume, IReadOnlyList<SeriesProblem> Problems)
{
    public bool Succeeded => Volume is not null;
}

/// <summary>
/// Builds a <see cref="CtVolume"/> of Hounsfield units from a scanned series: the geometry comes from
/// <see cref="SeriesGeometry"/>, then each file is opened once, its frames decoded one at a time straight into the
/// volume buffer and the file released. Peak memory is the volume plus one file and one frame, whatever the number
/// of files.
/// </summary>
public static class SeriesAssembler
{
    private static readonly DicomTag ModalityTag = new(0x0008, 0x0060);

    /// <summary>
    /// Assembles a series found by <see cref="DicomSeriesScanner"/>. Geometry errors return a result without a volume;
    /// a file that cannot be read or decoded throws <see cref="DicomReadException"/>.
    /// </summary>
    public static SeriesAssemblyResult Assemble(ScannedSeries series, DicomReadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);

        var layout = SeriesGeometry.Analyze(series.Slices);
        var problems = layout.Problems.ToList();
        if (!string.Equals(series.Modality, "CT", StringComparison.Ordinal))
        {
            problems.Add(new SeriesProblem(SeriesProblemKind.NotCt, SeriesProblemSeverity.Warning,
                $"Modality is '{series.Modality}', not CT, so the values may not be Hounsfield units", []));
        }

        if (layout.HasErrors)
        {
            return new SeriesAssemblyResult(series.SeriesInstanceUid, null, problems);
        }

        var first = layout.Slices[0];
        var sliceLength = first.Rows * first.Columns;
        var voxels = new float[checked((long)sliceLength * layout.Slices.Count)];
        var unscaled = DecodeIntoVolume(layout.Slices, voxels, sliceLength, options ?? DicomReadOptions.Default, cancellationToken);
        if (unscaled.Count > 0)
        {
            problems.Add(new SeriesProblem(SeriesProblemKind.NoRescale, SeriesProblemSeverity.Warning,
                string.Create(CultureInfo.InvariantCulture, $"{unscaled.Count} slice(s) have no RescaleSlope/RescaleIntercept; their stored values were taken as HU"),
                unscaled));
        }

        var volume = new CtVolume(first.Columns, first.Rows, layout.Slices.Count, voxels, layout.Spacing,
            layout.Origin, layout.RowDirection, layout.ColumnDirection, layout.SliceDirection);
        return new SeriesAssemblyResult(series.SeriesInstanceUid, volume, problems);
    }

    /// <summary>Decodes every slice into its place; returns the slices that had no rescale.</summary>
    private static List<SliceReference> DecodeIntoVolume(IReadOnlyList<SliceHeader> slices, float[] voxels,
        int sliceLength, DicomReadOptions options, CancellationToken cancellationToken)
    {
        // Group the volume's slice indices by file, so a multi-frame file is opened once.
        var byFile = new Dictionary<string, List<(int Index, int Frame)>>(StringComparer.Ordinal);
        for (var index = 0; index < slices.Count; index++)
        {
            var reference = slices[index].Reference;
            if (!byFile.TryGetValue(reference.Source, out var frames))
            {
                frames = [];
                byFile.Add(reference.Source, frames);
            }

            frames.Add((index, reference.Frame));
        }

        var unscaled = new List<SliceReference>();
        var stored = new int[sliceLength];
        var reader = new ReusableFileBuffer(options);
        foreach (var (file, frames) in byFile)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pixels = reader.Open(file).GetPixelData();
            if (pixels.Rows * pixels.Columns != sliceLength || pixels.SamplesPerPixel != 1)
            {
                throw new DicomReadException(
                    string.Create(CultureInfo.InvariantCulture, $"the pixel data are {pixels.Columns}×{pixels.Rows}×{pixels.SamplesPerPixel} but the header scan found {sliceLength} grayscale pixels; was the file changed during assembly?"),
                    file, null, DicomPixelData.PixelDataTag);
            }

            foreach (var (index, frame) in frames)
            {
                var rescale = pixels.GetRescale(frame);
                if (rescale is null)
                {
                    unscaled.Add(slices[index].Reference);
                }

                var (slope, intercept) = rescale is { } r ? (r.Slope, r.Intercept) : (1.0, 0.0);
                var target = voxels.AsSpan(index * sliceLength, sliceLength);
                if (pixels.IsFloat)
                {
                    var values = pixels.DecodeFrameFloat(frame);
                    for (var i = 0; i < target.Length; i++)
                    {
                        target[i] = (float)((values[i] * slope) + intercept);
                    }

                    continue;
                }

                pixels.DecodeFrame(frame, stored);
                var unsigned32 = pixels.BitsAllocated == 32 && !pixels.IsSigned;
                for (var i = 0; i < target.Length; i++)
                {
                    var value = unsigned32 ? (uint)stored[i] : (double)stored[i];
                    target[i] = (float)((value * slope) + intercept);
                }
            }
        }

        return unscaled;
    }
}
