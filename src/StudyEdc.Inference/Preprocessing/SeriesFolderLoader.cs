using System.Globalization;
using StudyEdc.Dicom;
using StudyEdc.Dicom.Series;

namespace StudyEdc.Inference.Preprocessing;

/// <summary>Loads the one CT series of a folder as a volume, for the command line and the benchmarks.</summary>
public static class SeriesFolderLoader
{
    /// <summary>
    /// Scans <paramref name="folder"/> recursively and assembles its single series.
    /// </summary>
    /// <exception cref="InferenceException">
    /// The folder is missing, contains no series or several, or the series cannot be assembled into a volume.
    /// </exception>
    /// <exception cref="DicomReadException">A file of the series cannot be decoded.</exception>
    public static CtVolume Load(string folder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
        {
            throw new InferenceException($"Folder {folder} was not found.");
        }

        var scan = DicomSeriesScanner.Scan([folder], cancellationToken: cancellationToken);
        if (scan.Series.Count != 1)
        {
            var found = scan.Series.Count == 0
                ? $"none ({scan.Skipped.Count.ToString(CultureInfo.InvariantCulture)} files skipped)"
                : string.Join(", ", scan.Series.Select(s => $"'{s.SeriesDescription}' ({s.Slices.Count.ToString(CultureInfo.InvariantCulture)} slices)"));
            throw new InferenceException(
                $"Folder {folder} must hold exactly one DICOM series, but the series found are: {found}. "
                + "Put each phase in its own folder.");
        }

        var result = SeriesAssembler.Assemble(scan.Series[0], cancellationToken: cancellationToken);
        if (result.Volume is null)
        {
            var problems = string.Join("; ", result.Problems
                .Where(problem => problem.Severity == SeriesProblemSeverity.Error)
                .Select(problem => problem.Description));
            throw new InferenceException($"The series in {folder} cannot be assembled into a volume: {problems}.");
        }

        return result.Volume;
    }
}
