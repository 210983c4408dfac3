using StudyEdc.Dicom.Pixels;

namespace StudyEdc.Dicom.Series;

/// <summary>The header facts of one series found by <see cref="DicomSeriesScanner"/>, with one entry per slice (frame).</summary>
public sealed record ScannedSeries(
    string SeriesInstanceUid,
    string? StudyInstanceUid,
    string? Modality,
    string? SopClassUid,
    int? SeriesNumber,
    string? SeriesDescription,
    string? ProtocolName,
    string? ContrastBolusAgent,
    TimeSpan? ContrastBolusStartTime,
    TimeSpan? AcquisitionTime,
    TimeSpan? SeriesTime,
    IReadOnlyList<SliceHeader> Slices)
{
    /// <summary>The attributes that <see cref="PhaseHinter"/> reads.</summary>
    public SeriesPhaseAttributes ToPhaseAttributes() => new(SeriesInstanceUid, SeriesDescription, ProtocolName,
        ContrastBolusAgent, ContrastBolusStartTime, AcquisitionTime, SeriesTime);
}

/// <summary>A file that is not part of any series: unreadable, or not an image. <see cref="Reason"/> does not repeat the path.</summary>
public sealed record SkippedFile(string Path, string Reason);

/// <summary>The series found in a set of files, and the files skipped with the reason.</summary>
public sealed record SeriesScan(IReadOnlyList<ScannedSeries> Series, IReadOnlyList<SkippedFile> Skipped);

/// <summary>
/// Reads the headers of DICOM files (stopping before the pixel data, one file at a time) and groups the slices by
/// SeriesInstanceUID. Memory stays bounded by one file plus a few hundred bytes per slice.
/// </summary>
public static class DicomSeriesScanner
{
    /// <summary>Stands for a missing SeriesInstanceUID, so that such files still form a (reported) group.</summary>
    public const string MissingSeriesInstanceUid = "(no SeriesInstanceUID)";

    private static readonly DicomTag SopClassUidTag = new(0x0008, 0x0016);
    private static readonly DicomTag SopInstanceUidTag = new(0x0008, 0x0018);
    private static readonly DicomTag AcquisitionDateTimeTag = new(0x0008, 0x002A);
    private static readonly DicomTag SeriesTimeTag = new(0x0008, 0x0031);
    private static readonly DicomTag AcquisitionTimeTag = new(0x0008, 0x0032);
    private static readonly DicomTag ModalityTag = new(0x0008, 0x0060);
    private static readonly DicomTag SeriesDescriptionTag = new(0x0008, 0x103E);
    private static readonly DicomTag ContrastBolusAgentTag = new(0x0018, 0x0010);
    private static readonly DicomTag ProtocolNameTag = new(0x0018, 0x1030);
    private static readonly DicomTag ContrastBolusStartTimeTag = new(0x0018, 0x1042);
    private static readonly DicomTag StudyInstanceUidTag = new(0x0020, 0x000D);
    private static readonly DicomTag SeriesInstanceUidTag = new(0x0020, 0x000E);
    private static readonly DicomTag SeriesNumberTag = new(0x0020, 0x0011);
    private static readonly DicomTag InstanceNumberTag = new(0x0020, 0x0013);
    private static readonly DicomTag SamplesPerPixelTag = new(0x0028, 0x0002);
    private static readonly DicomTag NumberOfFramesTag = new(0x0028, 0x0008);
    private static readonly DicomTag RowsTag = new(0x0028, 0x0010);
    private static readonly DicomTag ColumnsTag = new(0x0028, 0x0011);

    /// <summary>
    /// Scans files and folders (folders recursively, in ordinal path order). Files that cannot be read
    /// (DicomReadException, I/O or access errors, invalid numbers) are listed in <see cref="SeriesScan.Skipped"/>
    /// with the reason instead of being thrown.
    /// </summary>
    public static SeriesScan Scan(IEnumerable<string> paths, DicomReadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var headerOptions = (options ?? DicomReadOptions.Default) with { ReadPixelData = false };

        var builders = new Dictionary<string, SeriesBuilder>(StringComparer.Ordinal);
        var skipped = new List<SkippedFile>();
        var reader = new ReusableFileBuffer(headerOptions);
        foreach (var file in ExpandPaths(paths))
        {
            cancellationToken.ThrowIfCancellationRequested();
            DicomFile dicom;
            try
            {
                dicom = reader.Open(file);
            }
            catch (DicomReadException exception)
            {
                // The message starts with the file name, which SkippedFile.Path already holds.
                var prefix = file + ": ";
                var reason = exception.Message.StartsWith(prefix, StringComparison.Ordinal) ? exception.Message[prefix.Length..] : exception.Message;
                skipped.Add(new SkippedFile(file, reason));
                continue;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                skipped.Add(new SkippedFile(file, exception.Message));
                continue;
            }

            AddFile(dicom, file, builders, skipped);
        }

        var series = builders.Values
            .Select(builder => builder.Build())
            .OrderBy(s => s.StudyInstanceUid, StringComparer.Ordinal)
            .ThenBy(s => s.SeriesNumber ?? int.MaxValue)
            .ThenBy(s => s.SeriesInstanceUid, StringComparer.Ordinal)
            .ToList();
        return new SeriesScan(series, skipped);
    }

    /// <summary>Returns the files named, and the files under the folders named, each once, folders' files in ordinal order.</summary>
    public static IEnumerable<string> ExpandPaths(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    yield return file;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    private static void AddFile(DicomFile dicom, string file, Dictionary<string, SeriesBuilder> builders, List<SkippedFile> skipped)
    {
        var dataset = dicom.Dataset;
        try
        {
            var rows = dataset.GetInt32(RowsTag);
            var columns = dataset.GetInt32(ColumnsTag);
            if (rows is null or <= 0 || columns is null or <= 0)
            {
                var sopClass = dataset.GetString(SopClassUidTag) ?? dicom.FileMeta.MediaStorageSopClassUid ?? "unknown";
                skipped.Add(new SkippedFile(file, $"not an image: no Rows and Columns (SOP class {sopClass})"));
                return;
            }

            var seriesUid = dataset.GetString(SeriesInstanceUidTag);
            if (string.IsNullOrWhiteSpace(seriesUid))
            {
                seriesUid = MissingSeriesInstanceUid;
            }

            if (!builders.TryGetValue(seriesUid, out var builder))
            {
                builder = new SeriesBuilder(seriesUid);
                builders.Add(seriesUid, builder);
            }

            builder.Add(dataset, file, rows.Value, columns.Value);
        }
        catch (FormatException exception)
        {
            skipped.Add(new SkippedFile(file, $"invalid header value: {exception.Message}"));
        }
    }

    private static Vector3D? ToVector(double[]? values, int offset) =>
        values is null ? null : new Vector3D(values[offset], values[offset + 1], values[offset + 2]);

    /// <summary>Collects one series' slices; series-level attributes are taken from the first file that has them.</summary>
    private sealed class SeriesBuilder(string seriesInstanceUid)
    {
        private readonly List<SliceHeader> _slices = [];
        private string? _studyInstanceUid;
        private string? _modality;
        private string? _sopClassUid;
        private int? _seriesNumber;
        private string? _seriesDescription;
        private string? _protocolName;
        private string? _contrastBolusAgent;
        private TimeSpan? _contrastBolusStartTime;
        private TimeSpan? _acquisitionTime;
        private TimeSpan? _seriesTime;

        public void Add(DicomDataset dataset, string file, int rows, int columns)
        {
            _studyInstanceUid ??= dataset.GetString(StudyInstanceUidTag);
            _modality ??= dataset.GetString(ModalityTag);
            _sopClassUid ??= dataset.GetString(SopClassUidTag);
            _seriesNumber ??= dataset.GetInt32(SeriesNumberTag);
            _seriesDescription ??= dataset.GetString(SeriesDescriptionTag);
            _protocolName ??= dataset.GetString(ProtocolNameTag);
            _contrastBolusAgent ??= dataset.GetString(ContrastBolusAgentTag);
            _contrastBolusStartTime ??= PhaseHinter.ParseDicomTime(dataset.GetString(ContrastBolusStartTimeTag));
            _seriesTime ??= PhaseHinter.ParseDicomTime(dataset.GetString(SeriesTimeTag));

            // The series was acquired when its first slice was.
            var acquisition = PhaseHinter.ParseDicomTime(dataset.GetString(AcquisitionTimeTag))
                ?? AcquisitionDateTimeToTime(dataset.GetString(AcquisitionDateTimeTag));
            if (acquisition is not null && (_acquisitionTime is null || acquisition < _acquisitionTime))
            {
                _acquisitionTime = acquisition;
            }

            var frames = Math.Max(1, dataset.GetInt32(NumberOfFramesTag) ?? 1);
            var samples = dataset.GetInt32(SamplesPerPixelTag) ?? 1;
            var instanceNumber = dataset.GetInt32(InstanceNumberTag);
            var sopInstanceUid = dataset.GetString(SopInstanceUidTag);
            var functionalGroups = new DicomFunctionalGroups(dataset);
            for (var frame = 0; frame < frames; frame++)
            {
                var geometry = functionalGroups.GetGeometry(frame);
                var orientation = geometry.ImageOrientationPatient;
                _slices.Add(new SliceHeader(
                    new SliceReference(file, frame, instanceNumber, sopInstanceUid),
                    rows,
                    columns,
                    ToVector(geometry.ImagePositionPatient, 0),
                    ToVector(orientation, 0),
                    ToVector(orientation, 3),
                    geometry.PixelSpacing?[0],
                    geometry.PixelSpacing?[1],
                    geometry.SliceThickness,
                    samples));
            }
        }

        public ScannedSeries Build() => new(seriesInstanceUid, _studyInstanceUid, _modality, _sopClassUid,
            _seriesNumber, _seriesDescription, _protocolName, _contrastBolusAgent, _contrastBolusStartTime,
            _acquisitionTime, _seriesTime, _slices);

        private static TimeSpan? AcquisitionDateTimeToTime(string? dateTime) =>
            dateTime is { Length: > 8 } ? PhaseHinter.ParseDicomTime(dateTime[8..].Split('+', '-')[0]) : null;
    }
}
