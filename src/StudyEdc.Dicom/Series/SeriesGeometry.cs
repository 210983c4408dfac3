using System.Globalization;

namespace StudyEdc.Dicom.Series;

/// <summary>
/// The slices of a series in order along the slice normal, with their common geometry and every problem found.
/// <see cref="Slices"/> and the geometry are only meaningful when <see cref="HasErrors"/> is false.
/// </summary>
public sealed record SeriesLayout(
    IReadOnlyList<SliceHeader> Slices,
    IReadOnlyList<double> Distances,
    Vector3D Origin,
    Vector3D RowDirection,
    Vector3D ColumnDirection,
    Vector3D SliceDirection,
    Vector3D Spacing,
    IReadOnlyList<SeriesProblem> Problems)
{
    public bool HasErrors => Problems.Any(p => p.Severity == SeriesProblemSeverity.Error);
}

/// <summary>
/// Orders the slices of one series along the normal of ImageOrientationPatient (row × column direction) by the
/// projection of ImagePositionPatient on it. It then checks the geometry: every slice positioned and oriented alike,
/// one size and pixel spacing, no two at one position, and even spacing.
/// </summary>
/// <remarks>
/// Gap rules: the slice spacing is the median of the gaps between neighbours. A gap larger than 1.5 times the median
/// means missing slices, reported with how many are missing. A gap that differs from the median by more than
/// max(0.05 mm, 2 % of the median) is uneven spacing. Both are warnings, because the volume can still be built, but
/// its slice positions then differ from the true ones by up to that gap. Two different instances less than 0.01 mm
/// apart are an error; the same SOPInstanceUID twice is a warning and the copy is left out.
/// </remarks>
public static class SeriesGeometry
{
    /// <summary>Largest difference between direction cosines of slices taken as the same orientation.</summary>
    public const double OrientationTolerance = 1e-3;

    /// <summary>Slices closer than this (mm) along the normal are at the same position.</summary>
    public const double DuplicateTolerance = 0.01;

    /// <summary>A gap longer than this many median spacings means missing slices.</summary>
    public const double MissingSliceFactor = 1.5;

    private const double MinimumSpacingTolerance = 0.05;
    private const double RelativeSpacingTolerance = 0.02;

    /// <summary>Orders and checks the slices of one series.</summary>
    public static SeriesLayout Analyze(IReadOnlyList<SliceHeader> slices)
    {
        ArgumentNullException.ThrowIfNull(slices);
        if (slices.Count == 0)
        {
            throw new ArgumentException("A series needs at least one slice.", nameof(slices));
        }

        var problems = new List<SeriesProblem>();
        var unique = RemoveDuplicateInstances(slices, problems);
        CheckGeometryPresent(unique, problems);
        if (problems.Any(p => p.Severity == SeriesProblemSeverity.Error))
        {
            return Failed(unique, problems);
        }

        var first = unique[0];
        var rowDirection = first.RowDirection!.Value.Normalized();
        var columnDirection = first.ColumnDirection!.Value.Normalized();
        var normal = rowDirection.Cross(columnDirection).Normalized();
        CheckSameOrientationAndSize(unique, first, problems);
        CheckGrayscale(unique, problems);
        if (problems.Any(p => p.Severity == SeriesProblemSeverity.Error))
        {
            return Failed(unique, problems);
        }

        // Sort by position along the normal; ties (errors below) keep the input order.
        var ordered = unique
            .Select(slice => (Slice: slice, Distance: slice.Position!.Value.Dot(normal)))
            .OrderBy(entry => entry.Distance)
            .ToList();
        var distances = ordered.Select(entry => entry.Distance).ToList();
        var sorted = ordered.Select(entry => entry.Slice).ToList();

        var sliceSpacing = CheckSpacing(sorted, distances, problems) ?? first.SliceThickness ?? 1.0;
        var spacing = new Vector3D(first.ColumnSpacing!.Value, first.RowSpacing!.Value, sliceSpacing);
        return new SeriesLayout(sorted, distances, sorted[0].Position!.Value, rowDirection, columnDirection, normal,
            spacing, problems);
    }

    private static SeriesLayout Failed(IReadOnlyList<SliceHeader> slices, List<SeriesProblem> problems) =>
        new(slices, [], default, default, default, default, default, problems);

    private static List<SliceHeader> RemoveDuplicateInstances(IReadOnlyList<SliceHeader> slices, List<SeriesProblem> problems)
    {
        var seen = new HashSet<(string, int)>();
        var unique = new List<SliceHeader>(slices.Count);
        var copies = new List<SliceReference>();
        foreach (var slice in slices)
        {
            var uid = slice.Reference.SopInstanceUid;
            if (uid is not null && !seen.Add((uid, slice.Reference.Frame)))
            {
                copies.Add(slice.Reference);
                continue;
            }

            unique.Add(slice);
        }

        if (copies.Count > 0)
        {
            problems.Add(new SeriesProblem(SeriesProblemKind.DuplicateInstance, SeriesProblemSeverity.Warning,
                Invariant($"{copies.Count} file(s) repeat a SOPInstanceUID already read; the copies were left out"), copies));
        }

        return unique;
    }

    private static void CheckGeometryPresent(List<SliceHeader> slices, List<SeriesProblem> problems)
    {
        var missing = slices.Where(slice => slice.Position is null || slice.RowDirection is null
            || slice.ColumnDirection is null || slice.RowSpacing is not > 0 || slice.ColumnSpacing is not > 0
            || !IsValidOrientation(slice.RowDirection.Value, slice.ColumnDirection.Value)).ToList();
        if (missing.Count > 0)
        {
            problems.Add(new SeriesProblem(SeriesProblemKind.MissingGeometry, SeriesProblemSeverity.Error,
                Invariant($"{missing.Count} slice(s) lack a valid ImagePositionPatient, ImageOrientationPatient or PixelSpacing, so they cannot be placed"),
                missing.Select(s => s.Reference).ToList()));
        }
    }

    private static bool IsValidOrientation(Vector3D row, Vector3D column) =>
        Math.Abs(row.Length - 1) < 0.01 && Math.Abs(column.Length - 1) < 0.01 && Math.Abs(row.Dot(column)) < 0.01;

    private static void CheckSameOrientationAndSize(List<SliceHeader> slices, SliceHeader first, List<SeriesProblem> problems)
    {
        var turned = slices.Where(slice =>
            !Close(slice.RowDirection!.Value, first.RowDirection!.Value)
            || !Close(slice.ColumnDirection!.Value, first.ColumnDirection!.Value)).ToList();
        if (turned.Count > 0)
        {
            problems.Add(new SeriesProblem(SeriesProblemKind.MixedOrientation, SeriesProblemSeverity.Error,
                Invariant($"{turned.Count} slice(s) have another ImageOrientationPatient than {first.Reference}"),
                turned.Select(s => s.Reference).ToList()));
        }

        var resized = slices.Where(slice => slice.Rows != first.Rows || slice.Columns != first.Columns
            || Math.Abs(slice.RowSpacing!.Value - first.RowSpacing!.Value) > 1e-4 * first.RowSpacing.Value
            || Math.Abs(slice.ColumnSpacing!.Value - first.ColumnSpacing!.Value) > 1e-4 * first.ColumnSpacing.Value).ToList();
        if (resized.Count > 0)
        {
            problems.Add(new SeriesProblem(SeriesProblemKind.MixedSize, SeriesProblemSeverity.Error,
                Invariant($"{resized.Count} slice(s) differ from {first.Columns}×{first.Rows} pixels of {first.ColumnSpacing}×{first.RowSpacing} mm"),
                resized.Select(s => s.Reference).ToList()));
        }
    }

    private static void CheckGrayscale(List<SliceHeader> slices, List<SeriesProblem> problems)
    {
        var colour = slices.Where(slice => slice.SamplesPerPixel != 1).ToList();
        if (colour.Count > 0)
        {
            problems.Add(new SeriesProblem(SeriesProblemKind.NotGrayscale, SeriesProblemSeverity.Error,
                Invariant($"{colour.Count} slice(s) have SamplesPerPixel other than 1; a CT volume needs grayscale slices"),
                colour.Select(s => s.Reference).ToList()));
        }
    }

    /// <summary>Checks the gaps between neighbours; returns the median gap, or null for a single slice.</summary>
    private static double? CheckSpacing(List<SliceHeader> sorted, List<double> distances, List<SeriesProblem> problems)
    {
        if (sorted.Count < 2)
        {
            return null;
        }

        var gaps = new double[sorted.Count - 1];
        for (var i = 0; i < gaps.Length; i++)
        {
            gaps[i] = distances[i + 1] - distances[i];
        }

        var duplicates = new List<SliceReference>();
        for (var i = 0; i < gaps.Length; i++)
        {
            if (gaps[i] < DuplicateTolerance)
            {
                duplicates.Add(sorted[i].Reference);
                duplicates.Add(sorted[i + 1].Reference);
            }
        }

        if (duplicates.Count > 0)
        {
            var distinct = duplicates.Distinct().ToList();
            problems.Add(new SeriesProblem(SeriesProblemKind.DuplicatePosition, SeriesProblemSeverity.Error,
                Invariant($"{distinct.Count} slices share a position with another instance (two reconstructions mixed in one series?)"),
                distinct));
            return null;
        }

        var median = Median(gaps);
        var tolerance = Math.Max(MinimumSpacingTolerance, RelativeSpacingTolerance * median);
        for (var i = 0; i < gaps.Length; i++)
        {
            var pair = new[] { sorted[i].Reference, sorted[i + 1].Reference };
            if (gaps[i] > MissingSliceFactor * median)
            {
                var missing = (int)Math.Round(gaps[i] / median) - 1;
                problems.Add(new SeriesProblem(SeriesProblemKind.MissingSlices, SeriesProblemSeverity.Warning,
                    Invariant($"gap of {gaps[i]:0.###} mm between {pair[0]} and {pair[1]} where the spacing is {median:0.###} mm: about {Math.Max(1, missing)} slice(s) missing"),
                    pair));
            }
            else if (Math.Abs(gaps[i] - median) > tolerance)
            {
                problems.Add(new SeriesProblem(SeriesProblemKind.UnevenSpacing, SeriesProblemSeverity.Warning,
                    Invariant($"gap of {gaps[i]:0.###} mm between {pair[0]} and {pair[1]} differs from the spacing of {median:0.###} mm"),
                    pair));
            }
        }

        return median;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static bool Close(Vector3D a, Vector3D b) =>
        Math.Abs(a.X - b.X) <= OrientationTolerance && Math.Abs(a.Y - b.Y) <= OrientationTolerance
        && Math.Abs(a.Z - b.Z) <= OrientationTolerance;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
