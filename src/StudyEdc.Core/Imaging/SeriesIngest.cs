using System.Globalization;
using StudyEdc.Core.Resources;
using StudyEdc.Dicom;
using StudyEdc.Dicom.Deidentification;
using StudyEdc.Dicom.IO.Writing;
using StudyEdc.Dicom.Series;

namespace StudyEdc.Core.Imaging;

/// <summary>One de-identified file in the store, and where its slices lie in the volume.</summary>
internal sealed record DeidentifiedFile(string SourcePath, string SopInstanceUid, StoredImage Stored, IReadOnlyList<(int SliceIndex, int Frame)> Slices);

/// <summary>A checked and de-identified series, or the localized reason it was rejected.</summary>
internal sealed record CheckedSeries(ScannedSeries Scanned, ImagingSeries? Row, IReadOnlyList<DeidentifiedFile> Files, string? RejectionMessage)
{
    public bool IsRejected => RejectionMessage is not null;
}

/// <summary>
/// Checks one scanned series, de-identifies its files and puts them in the image store: modality CT, a valid slice
/// geometry, pixel data that decode, and no image that the confidentiality profile quarantines. Files are read and
/// stored one at a time, so memory stays bounded by one file whatever the series' size.
/// </summary>
/// <remarks>
/// A series rejected halfway has already put its first files in the store. <see cref="CheckAsync"/> adds the hash of
/// every file it newly wrote to the caller's list, so the caller can delete those that no row refers to.
/// </remarks>
internal static class SeriesIngest
{
    private static readonly DicomTag SeriesInstanceUidTag = new(0x0020, 0x000E);
    private static readonly DicomTag SopInstanceUidTag = new(0x0008, 0x0018);

    public static async Task<CheckedSeries> CheckAsync(ScannedSeries series, PhaseHint? hint, DicomDeidentifier deidentifier, ImageStore store,
        ICollection<string> newlyStored, CancellationToken cancellationToken)
    {
        var name = DisplayName(series);
        if (!string.Equals(series.Modality, "CT", StringComparison.Ordinal))
        {
            return Rejected(series, ImagingMessages.Format("NotCt", name, series.Modality ?? "?"));
        }

        var layout = SeriesGeometry.Analyze(series.Slices);
        if (layout.HasErrors)
        {
            var errors = string.Join("; ", layout.Problems.Where(p => p.Severity == SeriesProblemSeverity.Error).Select(p => p.Description));
            return Rejected(series, ImagingMessages.Format("GeometryInvalid", name, errors));
        }

        // Slices of one file (multi-frame objects) are de-identified together, in volume order of their first slice.
        var slicesByFile = layout.Slices
            .Select((slice, index) => (slice.Reference, index))
            .GroupBy(s => s.Reference.Source, StringComparer.Ordinal)
            .ToList();

        var files = new List<DeidentifiedFile>(slicesByFile.Count);
        string? seriesUid = null;
        foreach (var group in slicesByFile)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = group.Key;
            DicomFile file;
            try
            {
                file = DicomFile.Open(path);
                var pixels = file.GetPixelData();
                foreach (var (reference, _) in group)
                {
                    // Decoding proves the pixel data are readable; the values are not kept.
                    _ = pixels.DecodeFrameRescaled(reference.Frame);
                }
            }
            catch (Exception exception) when (exception is DicomReadException or IOException or InvalidOperationException or NotSupportedException)
            {
                return Rejected(series, ImagingMessages.Format("PixelDataUndecodable", name, Path.GetFileName(path), exception.Message));
            }

            var result = deidentifier.Deidentify(file);
            if (result.Dataset is not { } dataset)
            {
                return Rejected(series, ImagingMessages.Format("Quarantined", name, Path.GetFileName(path), result.Detail));
            }

            seriesUid ??= dataset.GetString(SeriesInstanceUidTag);
            var syntax = file.TransferSyntax.IsBigEndian || file.TransferSyntax.IsDeflated
                ? DicomTransferSyntax.ExplicitVRLittleEndian
                : file.TransferSyntax;
            var stored = await store.StoreAsync(DicomFileWriter.ToBytes(dataset, syntax), cancellationToken).ConfigureAwait(false);
            if (!stored.AlreadyStored)
            {
                newlyStored.Add(stored.Sha256);
            }

            files.Add(new DeidentifiedFile(path, dataset.GetString(SopInstanceUidTag) ?? "", stored,
                group.Select(s => (s.index, s.Reference.Frame)).ToList()));
        }

        var first = layout.Slices[0];
        var warnings = layout.Problems.Where(p => p.Severity == SeriesProblemSeverity.Warning).Select(p => p.Description).ToList();
        var row = new ImagingSeries
        {
            SeriesInstanceUid = seriesUid ?? "",
            SeriesNumber = series.SeriesNumber,
            SeriesDescription = Truncate(series.SeriesDescription, 64),
            PhaseHint = (hint?.Suggested ?? ContrastPhase.Unknown).ToString(),
            PhaseHintConfidence = hint?.Confidence ?? 0,
            Columns = first.Columns,
            Rows = first.Rows,
            SliceCount = layout.Slices.Count,
            SpacingX = layout.Spacing.X,
            SpacingY = layout.Spacing.Y,
            SpacingZ = layout.Spacing.Z,
            OriginX = layout.Origin.X,
            OriginY = layout.Origin.Y,
            OriginZ = layout.Origin.Z,
            Directions = FormatDirections(layout),
            Warnings = warnings.Count == 0 ? null : Truncate(string.Join("; ", warnings), 4000),
        };
        return new CheckedSeries(series, row, files, null);
    }

    /// <summary>SeriesDescription, else the series number, else the (original) SeriesInstanceUID, for messages.</summary>
    public static string DisplayName(ScannedSeries series) =>
        !string.IsNullOrWhiteSpace(series.SeriesDescription) ? series.SeriesDescription
        : series.SeriesNumber is { } number ? number.ToString(CultureInfo.InvariantCulture)
        : series.SeriesInstanceUid;

    /// <summary>The nine direction cosines (row, column, slice) as invariant text separated by backslashes.</summary>
    public static string FormatDirections(SeriesLayout layout)
    {
        Vector3D[] directions = [layout.RowDirection, layout.ColumnDirection, layout.SliceDirection];
        return string.Join('\\', directions.SelectMany(d => new[] { d.X, d.Y, d.Z }).Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
    }

    private static CheckedSeries Rejected(ScannedSeries series, string message) => new(series, null, [], message);

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
