using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using StudyEdc.Dicom.IO.Writing;

namespace StudyEdc.Dicom.Series;

/// <summary>Settings of a synthetic CT series written by <see cref="SyntheticCtSeries"/>.</summary>
public sealed record SyntheticSeriesOptions
{
    public int Slices { get; init; } = 20;

    public int Rows { get; init; } = 64;

    public int Columns { get; init; } = 64;

    /// <summary>In-plane pixel spacing in millimetres (same for rows and columns).</summary>
    public double PixelSpacing { get; init; } = 0.75;

    /// <summary>Distance between neighbouring slices in millimetres.</summary>
    public double SliceSpacing { get; init; } = 1.25;

    /// <summary>ImagePositionPatient of slice 0.</summary>
    public Vector3D Origin { get; init; } = new(-180, -160, -300);

    /// <summary>Slice indices not written, to make a series with missing slices.</summary>
    public IReadOnlySet<int> OmittedSlices { get; init; } = new HashSet<int>();

    /// <summary>Extra displacement (mm) along the normal of given slices, to make uneven spacing.</summary>
    public IReadOnlyDictionary<int, double> PositionOffsets { get; init; } = new Dictionary<int, double>();

    /// <summary>When true, file names are a seeded random permutation, so name order says nothing about position.</summary>
    public bool ShuffleFileNames { get; init; }

    /// <summary>Seed of the UIDs and of the file-name permutation.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Specific Character Set written, such as "ISO_IR 192" or "GB18030"; null writes none (ASCII).</summary>
    public string? SpecificCharacterSet { get; init; }

    public string PatientName { get; init; } = "PHANTOM^TEST";

    public string PatientId { get; init; } = "PHANTOM0001";

    public string SeriesDescription { get; init; } = "Phantom 1.25mm";

    /// <summary>AcquisitionTime of the series as a DICOM TM value.</summary>
    public string AcquisitionTime { get; init; } = "093000";

    public DicomTransferSyntax TransferSyntax { get; init; } = DicomTransferSyntax.ExplicitVRLittleEndian;
}

/// <summary>
/// Writes a synthetic abdominal CT phantom as one Part 10 file per slice, with known HU at every voxel
/// (<see cref="PhantomHu"/>), for tests and benchmarks of series assembly: missing slices, uneven spacing and
/// shuffled file names are options. Pixel data are 16-bit unsigned, 12 bits stored, RescaleIntercept -1024.
/// </summary>
public static class SyntheticCtSeries
{
    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

    private const int RescaleIntercept = -1024;

    /// <summary>
    /// Returns the HU of voxel (column, row) of slice <paramref name="slice"/>: air (-1000 + slice index at
    /// column 0, row 0, so that order can be checked), soft tissue 40, liver 60, an enhancing lesion 120 in the
    /// middle third of the slices, and spine 700.
    /// </summary>
    public static float PhantomHu(int column, int row, int slice, SyntheticSeriesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (column == 0 && row == 0)
        {
            return -1000 + slice;
        }

        var u = (column - (options.Columns / 2.0)) / (options.Columns / 2.0);
        var v = (row - (options.Rows / 2.0)) / (options.Rows / 2.0);
        if (Ellipse(u, v, 0, 0.45, 0.1, 0.1))
        {
            return 700;
        }

        if (Ellipse(u, v, -0.3, -0.1, 0.1, 0.1) && slice >= options.Slices / 3 && slice < 2 * options.Slices / 3)
        {
            return 120;
        }

        if (Ellipse(u, v, -0.3, -0.1, 0.35, 0.3))
        {
            return 60;
        }

        return Ellipse(u, v, 0, 0, 0.85, 0.65) ? 40 : -1000;
    }

    /// <summary>Returns the dataset of slice <paramref name="slice"/> (0-based, in position order).</summary>
    public static DicomDataset CreateSlice(SyntheticSeriesOptions options, int slice)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SpecificCharacterSet is null && !(options.PatientName + options.SeriesDescription).All(char.IsAscii))
        {
            throw new ArgumentException(
                "PatientName or SeriesDescription has non-ASCII characters; set SpecificCharacterSet (for example GB18030 or ISO_IR 192).",
                nameof(options));
        }

        var dataset = new DicomDataset();
        if (options.SpecificCharacterSet is not null)
        {
            dataset.AddOrUpdate(DicomElement.FromString(new DicomTag(0x0008, 0x0005), DicomVR.CS, options.SpecificCharacterSet));
        }

        var z = options.Origin.Z + (slice * options.SliceSpacing) + options.PositionOffsets.GetValueOrDefault(slice);
        Set(dataset, 0x0008, 0x0008, DicomVR.CS, @"ORIGINAL\PRIMARY\AXIAL");
        Set(dataset, 0x0008, 0x0016, DicomVR.UI, CtImageStorage);
        Set(dataset, 0x0008, 0x0018, DicomVR.UI, Uid(options.Seed, "instance", slice));
        Set(dataset, 0x0008, 0x0020, DicomVR.DA, "20240315");
        Set(dataset, 0x0008, 0x0030, DicomVR.TM, "092500");
        Set(dataset, 0x0008, 0x0032, DicomVR.TM, options.AcquisitionTime);
        Set(dataset, 0x0008, 0x0050, DicomVR.SH, "ACC" + options.Seed.ToString("D6", CultureInfo.InvariantCulture));
        Set(dataset, 0x0008, 0x0060, DicomVR.CS, "CT");
        Set(dataset, 0x0008, 0x0080, DicomVR.LO, "StudyEdc Phantom Hospital");
        Set(dataset, 0x0008, 0x103E, DicomVR.LO, options.SeriesDescription);
        Set(dataset, 0x0010, 0x0010, DicomVR.PN, options.PatientName);
        Set(dataset, 0x0010, 0x0020, DicomVR.LO, options.PatientId);
        Set(dataset, 0x0010, 0x0030, DicomVR.DA, "19580101");
        Set(dataset, 0x0010, 0x0040, DicomVR.CS, "F");
        Set(dataset, 0x0018, 0x0050, DicomVR.DS, Ds(options.SliceSpacing));
        Set(dataset, 0x0020, 0x000D, DicomVR.UI, Uid(options.Seed, "study", 0));
        Set(dataset, 0x0020, 0x000E, DicomVR.UI, Uid(options.Seed, "series", 0));
        Set(dataset, 0x0020, 0x0011, DicomVR.IS, "2");
        Set(dataset, 0x0020, 0x0013, DicomVR.IS, (slice + 1).ToString(CultureInfo.InvariantCulture));
        Set(dataset, 0x0020, 0x0032, DicomVR.DS, $@"{Ds(options.Origin.X)}\{Ds(options.Origin.Y)}\{Ds(z)}");
        Set(dataset, 0x0020, 0x0037, DicomVR.DS, @"1\0\0\0\1\0");
        Set(dataset, 0x0020, 0x0052, DicomVR.UI, Uid(options.Seed, "frame-of-reference", 0));
        Set(dataset, 0x0028, 0x0004, DicomVR.CS, "MONOCHROME2");
        dataset.AddOrUpdate(DicomElement.FromUInt16(new DicomTag(0x0028, 0x0002), 1));
        dataset.AddOrUpdate(DicomElement.FromUInt16(new DicomTag(0x0028, 0x0010), checked((ushort)options.Rows)));
        dataset.AddOrUpdate(DicomElement.FromUInt16(new DicomTag(0x0028, 0x0011), checked((ushort)options.Columns)));
        Set(dataset, 0x0028, 0x0030, DicomVR.DS, $@"{Ds(options.PixelSpacing)}\{Ds(options.PixelSpacing)}");
        dataset.AddOrUpdate(DicomElement.FromUInt16(new DicomTag(0x0028, 0x0100), 16));
        dataset.AddOrUpdate(DicomElement.FromUInt16(new DicomTag(0x0028, 0x0101), 12));
        dataset.AddOrUpdate(DicomElement.FromUInt16(new DicomTag(0x0028, 0x0102), 11));
        dataset.AddOrUpdate(DicomElement.FromUInt16(new DicomTag(0x0028, 0x0103), 0));
        Set(dataset, 0x0028, 0x1050, DicomVR.DS, "40");
        Set(dataset, 0x0028, 0x1051, DicomVR.DS, "400");
        Set(dataset, 0x0028, 0x1052, DicomVR.DS, RescaleIntercept.ToString(CultureInfo.InvariantCulture));
        Set(dataset, 0x0028, 0x1053, DicomVR.DS, "1");
        dataset.AddOrUpdate(new DicomElement(new DicomTag(0x7FE0, 0x0010), DicomVR.OW, PixelBytes(options, slice)));
        return dataset;
    }

    /// <summary>
    /// Writes the series into <paramref name="folder"/> (created if needed) and returns the paths written, in slice
    /// order. Omitted slices are not written.
    /// </summary>
    public static IReadOnlyList<string> Write(string folder, SyntheticSeriesOptions options)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(folder);

        var names = Enumerable.Range(0, options.Slices).ToArray();
        if (options.ShuffleFileNames)
        {
            new Random(options.Seed).Shuffle(names);
        }

        var paths = new List<string>();
        for (var slice = 0; slice < options.Slices; slice++)
        {
            if (options.OmittedSlices.Contains(slice))
            {
                continue;
            }

            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"IM{names[slice]:D5}.dcm"));
            DicomFileWriter.Write(path, CreateSlice(options, slice), options.TransferSyntax);
            paths.Add(path);
        }

        return paths;
    }

    private static byte[] PixelBytes(SyntheticSeriesOptions options, int slice)
    {
        var bytes = new byte[options.Rows * options.Columns * 2];
        for (var row = 0; row < options.Rows; row++)
        {
            for (var column = 0; column < options.Columns; column++)
            {
                var stored = (ushort)(PhantomHu(column, row, slice, options) - RescaleIntercept);
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(((row * options.Columns) + column) * 2), stored);
            }
        }

        return bytes;
    }

    private static bool Ellipse(double u, double v, double centerU, double centerV, double radiusU, double radiusV)
    {
        var du = (u - centerU) / radiusU;
        var dv = (v - centerV) / radiusV;
        return (du * du) + (dv * dv) <= 1;
    }

    private static void Set(DicomDataset dataset, ushort group, ushort element, DicomVR vr, string value) =>
        dataset.SetString(new DicomTag(group, element), vr, value);

    private static string Ds(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A UUID-derived UID (2.25) that depends only on the seed, the kind and the index.</summary>
    private static string Uid(int seed, string kind, int index)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{seed}/{kind}/{index}")));
        var value = new BigInteger(hash.AsSpan(0, 16), isUnsigned: true, isBigEndian: true);
        return "2.25." + value.ToString(CultureInfo.InvariantCulture);
    }
}
