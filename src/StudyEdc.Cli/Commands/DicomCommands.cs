using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using StudyEdc.Dicom;
using StudyEdc.Dicom.Pixels;
using StudyEdc.Dicom.Series;

namespace StudyEdc.Cli.Commands;

/// <summary>
/// `studyedc dicom`: checks of a DICOM export before upload. `inspect [--json] PATH...` reads every file under the
/// paths (folders recursively), decodes all frames and prints per file the header facts, the SHA-256 of the stored
/// pixel values and their range before and after rescale. Exit code 0 when every file was read, 1 when a file was
/// rejected, 2 when a path does not exist. `series` comes from <see cref="DicomSeriesCommand"/>.
/// </summary>
internal static class DicomCommands
{
    public const int ExitAllRead = 0;
    public const int ExitRejected = 1;
    public const int ExitBadPath = 2;

    private static readonly CommandText Text = new(typeof(DicomCommands));

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static readonly DicomTag SopClassUidTag = new(0x0008, 0x0016);
    private static readonly DicomTag ModalityTag = new(0x0008, 0x0060);
    private static readonly DicomTag SeriesInstanceUidTag = new(0x0020, 0x000E);
    private static readonly DicomTag RowsTag = new(0x0028, 0x0010);
    private static readonly DicomTag ColumnsTag = new(0x0028, 0x0011);
    private static readonly DicomTag NumberOfFramesTag = new(0x0028, 0x0008);
    private static readonly DicomTag BitsAllocatedTag = new(0x0028, 0x0100);
    private static readonly DicomTag BitsStoredTag = new(0x0028, 0x0101);
    private static readonly DicomTag PixelRepresentationTag = new(0x0028, 0x0103);
    private static readonly DicomTag SamplesPerPixelTag = new(0x0028, 0x0002);

    public static Command Create(CliContext context)
    {
        var dicom = new Command("dicom", "Check DICOM files before upload: read, decode and summarize them");
        dicom.Subcommands.Add(CreateInspect(context));
        dicom.Subcommands.Add(DicomSeriesCommand.Create(context));
        return dicom;
    }

    private static Command CreateInspect(CliContext context)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "DICOM files or folders (searched recursively)",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON array with an object per file" };
        var command = new Command("inspect", "Read and decode DICOM files; print transfer syntax, size, pixel SHA-256 and value ranges") { paths, json };
        command.SetAction((parseResult, cancellationToken) =>
            InspectAsync(context, parseResult.GetValue(paths) ?? [], parseResult.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> InspectAsync(CliContext context, string[] paths, bool json, CancellationToken cancellationToken)
    {
        var missing = paths.Where(path => !File.Exists(path) && !Directory.Exists(path)).ToList();
        if (missing.Count > 0)
        {
            foreach (var path in missing)
            {
                await context.Error.WriteLineAsync(Format("PathNotFound", path)).ConfigureAwait(false);
            }

            return ExitBadPath;
        }

        var reports = new List<FileReport>();
        foreach (var file in DicomSeriesScanner.ExpandPaths(paths))
        {
            cancellationToken.ThrowIfCancellationRequested();
            reports.Add(await InspectFileAsync(file, cancellationToken).ConfigureAwait(false));
        }

        if (json)
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(reports, JsonOptions)).ConfigureAwait(false);
        }
        else
        {
            await WriteTextAsync(context.Out, reports).ConfigureAwait(false);
        }

        return reports.Exists(report => report.Error is not null) ? ExitRejected : ExitAllRead;
    }

    private static async Task<FileReport> InspectFileAsync(string path, CancellationToken cancellationToken)
    {
        DicomFile file;
        try
        {
            file = await DicomFile.OpenAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (DicomReadException exception)
        {
            return new FileReport { Path = path, Error = exception.Message };
        }

        var dataset = file.Dataset;
        var report = new FileReport
        {
            Path = path,
            TransferSyntaxUid = file.TransferSyntax.Uid,
            TransferSyntaxName = file.TransferSyntax.Name,
            SopClassUid = dataset.GetString(SopClassUidTag) ?? file.FileMeta.MediaStorageSopClassUid,
            Modality = dataset.GetString(ModalityTag),
            SeriesInstanceUid = dataset.GetString(SeriesInstanceUidTag),
        };
        try
        {
            report = report with
            {
                Rows = dataset.GetInt32(RowsTag),
                Columns = dataset.GetInt32(ColumnsTag),
                Frames = dataset.GetInt32(NumberOfFramesTag),
                BitsAllocated = dataset.GetInt32(BitsAllocatedTag),
                BitsStored = dataset.GetInt32(BitsStoredTag),
                PixelRepresentation = dataset.GetInt32(PixelRepresentationTag),
                SamplesPerPixel = dataset.GetInt32(SamplesPerPixelTag),
            };
            if (!dataset.Contains(DicomPixelData.PixelDataTag) && !dataset.Contains(DicomPixelData.FloatPixelDataTag))
            {
                return report;
            }

            var pixels = file.GetPixelData();
            var digest = PixelDigest.Compute(pixels);
            return report with
            {
                Frames = pixels.NumberOfFrames,
                PixelSha256 = digest.Sha256,
                StoredMin = digest.StoredMin,
                StoredMax = digest.StoredMax,
                HuMin = digest.RescaledMin,
                HuMax = digest.RescaledMax,
                HuMean = digest.RescaledMean,
            };
        }
        catch (DicomReadException exception)
        {
            return report with { Error = exception.Message };
        }
        catch (FormatException exception)
        {
            return report with { Error = $"{path}: {exception.Message}" };
        }
    }

    private static async Task WriteTextAsync(TextWriter output, List<FileReport> reports)
    {
        foreach (var report in reports)
        {
            await output.WriteLineAsync(report.Path).ConfigureAwait(false);
            if (report.TransferSyntaxUid is not null)
            {
                await output.WriteLineAsync(Format("InspectHeader", report.TransferSyntaxName, report.TransferSyntaxUid, report.Modality ?? "-",
                    Number(report.Columns), Number(report.Rows), Number(report.Frames ?? (report.PixelSha256 is null ? null : 1)),
                    Number(report.BitsAllocated), Number(report.BitsStored))).ConfigureAwait(false);
            }

            if (report.PixelSha256 is not null)
            {
                await output.WriteLineAsync(Format("InspectPixels", report.PixelSha256, Number(report.StoredMin), Number(report.StoredMax))).ConfigureAwait(false);
            }

            if (report.HuMin is not null)
            {
                await output.WriteLineAsync(Format("InspectRescaled", Number(report.HuMin), Number(report.HuMax), Number(report.HuMean))).ConfigureAwait(false);
            }

            if (report.Error is not null)
            {
                await output.WriteLineAsync(Format("InspectRejected", report.Error)).ConfigureAwait(false);
            }
        }

        var rejected = reports.Count(report => report.Error is not null);
        await output.WriteLineAsync(Format("InspectSummary", reports.Count, reports.Count - rejected, rejected)).ConfigureAwait(false);
    }

    private static string Number(double? value) =>
        value is null ? "-" : value.Value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Format(string name, params object?[] arguments) => Text.Format(name, arguments);

    /// <summary>One file of `dicom inspect --json`; property names are the documented JSON keys.</summary>
    private sealed record FileReport
    {
        public required string Path { get; init; }

        public string? TransferSyntaxUid { get; init; }

        public string? TransferSyntaxName { get; init; }

        public string? SopClassUid { get; init; }

        public string? Modality { get; init; }

        public string? SeriesInstanceUid { get; init; }

        public int? Rows { get; init; }

        public int? Columns { get; init; }

        public int? Frames { get; init; }

        public int? BitsAllocated { get; init; }

        public int? BitsStored { get; init; }

        public int? PixelRepresentation { get; init; }

        public int? SamplesPerPixel { get; init; }

        public string? PixelSha256 { get; init; }

        public double? StoredMin { get; init; }

        public double? StoredMax { get; init; }

        public double? HuMin { get; init; }

        public double? HuMax { get; init; }

        public double? HuMean { get; init; }

        public string? Error { get; init; }
    }
}
