using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using StudyEdc.Dicom.Series;

namespace StudyEdc.Cli.Commands;

/// <summary>
/// `studyedc dicom series [--json] PATH...`: finds the series in files and folders (recursively) by reading headers
/// only, and lists each with its slice count, geometry, gaps and other problems, and a phase suggestion.
/// Exit code 0 when every series can be assembled into a volume, 1 when a series has an error or a file was
/// skipped, 2 when a path does not exist.
/// </summary>
internal static class DicomSeriesCommand
{
    public const int ExitAssemblable = 0;
    public const int ExitProblems = 1;
    public const int ExitBadPath = 2;

    private static readonly CommandText Text = new(typeof(DicomSeriesCommand));

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "DICOM files or folders (searched recursively)",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the series and skipped files" };
        var command = new Command("series", "List the series in a DICOM export: slices, spacing, gaps and phase hint") { paths, json };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(context, parseResult.GetValue(paths) ?? [], parseResult.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string[] paths, bool json, CancellationToken cancellationToken)
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

        var scan = DicomSeriesScanner.Scan(paths, cancellationToken: cancellationToken);

        // Acquisition order only means something within one exam, so the phase hint runs per study.
        var hints = scan.Series
            .GroupBy(series => series.StudyInstanceUid ?? "", StringComparer.Ordinal)
            .SelectMany(study => study.Zip(PhaseHinter.Suggest(study.Select(s => s.ToPhaseAttributes()).ToList())))
            .ToDictionary(pair => pair.First, pair => pair.Second);
        var reports = scan.Series
            .Select(series => new SeriesReport(series, SeriesGeometry.Analyze(series.Slices), hints[series]))
            .ToList();

        if (json)
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(ToJson(reports, scan.Skipped), JsonOptions)).ConfigureAwait(false);
        }
        else
        {
            await WriteTextAsync(context.Out, reports, scan.Skipped).ConfigureAwait(false);
        }

        return reports.Any(r => r.Layout.HasErrors) || scan.Skipped.Count > 0 ? ExitProblems : ExitAssemblable;
    }

    private static async Task WriteTextAsync(TextWriter output, List<SeriesReport> reports, IReadOnlyList<SkippedFile> skipped)
    {
        await output.WriteLineAsync(Format("SeriesFound", reports.Count)).ConfigureAwait(false);
        foreach (var (series, layout, hint) in reports)
        {
            var first = series.Slices[0];
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync(Format("SeriesHeading", series.SeriesNumber?.ToString(CultureInfo.InvariantCulture) ?? "-",
                series.SeriesInstanceUid)).ConfigureAwait(false);
            await output.WriteLineAsync(Format("SeriesDescription", OrDash(series.SeriesDescription), OrDash(series.Modality))).ConfigureAwait(false);
            await output.WriteLineAsync(Format("SeriesSlices", series.Slices.Count, first.Columns, first.Rows)).ConfigureAwait(false);
            if (!layout.HasErrors)
            {
                await output.WriteLineAsync(Format("SeriesSpacing", Millimetres(layout.Spacing.X), Millimetres(layout.Spacing.Y),
                    Millimetres(layout.Spacing.Z), Millimetres(layout.Distances[^1] - layout.Distances[0]))).ConfigureAwait(false);
            }

            await output.WriteLineAsync(Format("SeriesPhase", PhaseName(hint.Suggested),
                hint.Confidence.ToString("0.00", CultureInfo.InvariantCulture), hint.Reason)).ConfigureAwait(false);
            if (layout.Problems.Count == 0)
            {
                await output.WriteLineAsync(Format("SeriesNoProblems")).ConfigureAwait(false);
            }

            foreach (var problem in layout.Problems)
            {
                await output.WriteLineAsync(Format(problem.Severity == SeriesProblemSeverity.Error ? "ProblemError" : "ProblemWarning",
                    Get("Problem_" + problem.Kind), problem.Description)).ConfigureAwait(false);
            }
        }

        if (skipped.Count > 0)
        {
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync(Format("SkippedHeading", skipped.Count)).ConfigureAwait(false);
            foreach (var file in skipped)
            {
                await output.WriteLineAsync(Format("SkippedFile", file.Path, file.Reason)).ConfigureAwait(false);
            }
        }
    }

    private static object ToJson(List<SeriesReport> reports, IReadOnlyList<SkippedFile> skipped) => new
    {
        series = reports.Select(report => new
        {
            seriesInstanceUid = report.Series.SeriesInstanceUid,
            studyInstanceUid = report.Series.StudyInstanceUid,
            seriesNumber = report.Series.SeriesNumber,
            seriesDescription = report.Series.SeriesDescription,
            modality = report.Series.Modality,
            slices = report.Series.Slices.Count,
            rows = report.Series.Slices[0].Rows,
            columns = report.Series.Slices[0].Columns,
            canAssemble = !report.Layout.HasErrors,
            spacing = report.Layout.HasErrors ? null : new[] { report.Layout.Spacing.X, report.Layout.Spacing.Y, report.Layout.Spacing.Z },
            origin = report.Layout.HasErrors ? null : new[] { report.Layout.Origin.X, report.Layout.Origin.Y, report.Layout.Origin.Z },
            phaseHint = new
            {
                phase = report.Hint.Suggested.ToString(),
                confidence = report.Hint.Confidence,
                hasConflict = report.Hint.HasConflict,
                reason = report.Hint.Reason,
            },
            problems = report.Layout.Problems.Select(problem => new
            {
                kind = problem.Kind.ToString(),
                severity = problem.Severity.ToString(),
                description = problem.Description,
                slices = problem.Slices.Select(slice => new { path = slice.Source, frame = slice.Frame, instanceNumber = slice.InstanceNumber }),
            }),
        }),
        skipped = skipped.Select(file => new { path = file.Path, reason = file.Reason }),
    };

    private static string OrDash(string? value) => string.IsNullOrWhiteSpace(value) ? "-" : value;

    private static string PhaseName(ContrastPhase phase) => Get("Phase_" + phase);

    private static string Millimetres(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Get(string name) => Text.Get(name);

    private static string Format(string name, params object?[] arguments) => Text.Format(name, arguments);

    private sealed record SeriesReport(ScannedSeries Series, SeriesLayout Layout, PhaseHint Hint);
}
