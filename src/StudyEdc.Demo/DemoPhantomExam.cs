using System.Globalization;
using StudyEdc.Dicom.Series;

namespace StudyEdc.Demo;

/// <summary>
/// A synthetic two-phase abdominal CT exam written by <see cref="SyntheticCtSeries"/>: AP/ with 45 slices 4 mm apart
/// and PVP/ with 40 slices 5 mm apart, 96 × 96 pixels of 4 mm, whose series descriptions give the phase hints. The
/// seed makes every UID, so exams of different seeds never collide in content-addressed storage.
/// </summary>
public static class DemoPhantomExam
{
    public const int Matrix = 96;
    public const double PixelSpacingMm = 4;
    public const int ArterialSlices = 45;
    public const int PortalVenousSlices = 40;

    private const double ArterialSpacingMm = 4;
    private const double PortalVenousSpacingMm = 5;

    /// <summary>Writes the exam's AP/ and PVP/ folders under <paramref name="folder"/> and returns the paths of all files written.</summary>
    public static IReadOnlyList<string> Write(string folder, int seed)
    {
        ArgumentNullException.ThrowIfNull(folder);

        var arterial = SyntheticCtSeries.Write(Path.Combine(folder, "AP"), SeriesOptions(seed * 2, "AP 4mm", ArterialSlices, ArterialSpacingMm, "093035"));
        var portalVenous = SyntheticCtSeries.Write(Path.Combine(folder, "PVP"), SeriesOptions((seed * 2) + 1, "PVP 5mm", PortalVenousSlices, PortalVenousSpacingMm, "093110"));
        return [.. arterial, .. portalVenous];
    }

    private static SyntheticSeriesOptions SeriesOptions(int seed, string description, int slices, double spacingMm, string acquisitionTime) => new()
    {
        Seed = seed,
        Rows = Matrix,
        Columns = Matrix,
        PixelSpacing = PixelSpacingMm,
        Slices = slices,
        SliceSpacing = spacingMm,
        Origin = new Vector3D(-Matrix * PixelSpacingMm / 2, -Matrix * PixelSpacingMm / 2, -slices * spacingMm / 2),
        SeriesDescription = description,
        AcquisitionTime = acquisitionTime,
        PatientName = "DEMO^PHANTOM",
        PatientId = "DEMO" + seed.ToString("D6", CultureInfo.InvariantCulture),
    };
}
