using System.Globalization;
using StudyEdc.Dicom.Pixels;
using StudyEdc.TestSupport;

namespace StudyEdc.Dicom.Tests;

/// <summary>
/// Every file of tests/data/dicom/MANIFEST.tsv is either read with the golden pixel values (computed by pydicom 2.3.1
/// and GDCM 3.0.21) or rejected with <see cref="DicomReadException"/> and listed below, as docs/dicom.md lists it.
/// </summary>
public sealed class ManifestTests
{
    /// <summary>Files rejected on purpose; docs/dicom.md gives the same list with reasons.</summary>
    private static readonly HashSet<string> KnownRejections = new(StringComparer.Ordinal)
    {
        // Not DICOM at all.
        "cornerstoneWADOImageLoader/testImages/wadors/CTImageEvenAligned.dat",
        "cornerstoneWADOImageLoader/testImages/wadors/CTImageOddAligned.dat",
        "dicomParser/testImages/README.md",
        "dicomParser/testImages/deflate/README.md",
        "dicomParser/testImages/encapsulated/multi-frame/README.md",
        "dicomParser/testImages/encapsulated/single-frame/README.md",
        // Truncated or with lengths beyond the data.
        "fo-dicom/Tests/FO-DICOM.Tests/Test Data/GH179B.dcm",
        "fo-dicom/Tests/FO-DICOM.Tests/Test Data/GH626.dcm",
        "pydicom-data/data_store/data/emri_small_jpeg_2k_lossless_too_short.dcm",
        "pydicom/src/pydicom/data/test_files/MR_truncated.dcm",
        "pydicom/src/pydicom/data/test_files/rtplan_truncated.dcm",
        "pydicom/src/pydicom/data/test_files/dicomdirtests/DICOMDIR-nooffset",
        // No usable pixel description or pixel data.
        "fo-dicom/Tests/FO-DICOM.Tests/Test Data/GH1146.dcm",
        "fo-dicom/Tests/FO-DICOM.Tests/Test Data/GH1376.dcm",
        "fo-dicom/Tests/FO-DICOM.Tests/Test Data/GH340.dcm",
        "pydicom/src/pydicom/data/test_files/badVR.dcm",
        "pydicom/src/pydicom/data/test_files/nested_priv_SQ.dcm",
        "pydicom/src/pydicom/data/test_files/meta_missing_tsyntax.dcm",
        "pydicom/src/pydicom/data/test_files/no_meta.dcm",
        // Compressed data that disagrees with its own header.
        "fo-dicom/Tests/FO-DICOM.Tests/Test Data/genFile.dcm",
        "fo-dicom/Tests/FO-DICOM.Tests/Test Data/multiframe.dcm",
        "pydicom/src/pydicom/data/test_files/JPEG2000-embedded-sequence-delimiter.dcm",
    };

    public static TheoryData<string> Rows()
    {
        var data = new TheoryData<string>();
        foreach (var row in ManifestRow.ReadAll())
        {
            data.Add(row.Path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Manifest_file_is_read_or_rejected_on_purpose(string path)
    {
        var row = ManifestRow.ReadAll().Single(candidate => candidate.Path == path);

        var (digest, error) = ReadAndDigest(RepositoryPaths.TestData("dicom", path));

        if (KnownRejections.Contains(path))
        {
            Assert.NotNull(error);
            return;
        }

        Assert.Null(error);
        if (!row.Status.StartsWith("ok", StringComparison.Ordinal))
        {
            // Every reference decoder failed on these; reading them is allowed, there is nothing to compare.
            return;
        }

        Assert.NotNull(digest);
        if (row.PixelSha256Masked.Length > 0)
        {
            Assert.Equal(row.PixelSha256Masked, digest.Sha256);
        }

        if (row.PixelSha256Le != row.PixelSha256Masked)
        {
            // The manifest's ranges come from unmasked values when bits above Bits Stored carry other data.
            return;
        }

        AssertClose(row.StoredMin, digest.StoredMin);
        AssertClose(row.StoredMax, digest.StoredMax);
        AssertClose(row.StoredMean, digest.StoredMean);
        AssertClose(row.RescaledMin, digest.RescaledMin);
        AssertClose(row.RescaledMax, digest.RescaledMax);
        AssertClose(row.RescaledMean, digest.RescaledMean);
    }

    private static (PixelDigest? Digest, DicomReadException? Error) ReadAndDigest(string fullPath)
    {
        try
        {
            var file = DicomFile.Open(fullPath);
            var hasPixels = file.Dataset.Contains(DicomPixelData.PixelDataTag) || file.Dataset.Contains(DicomPixelData.FloatPixelDataTag);
            return (hasPixels ? PixelDigest.Compute(file.GetPixelData()) : null, null);
        }
        catch (DicomReadException exception)
        {
            return (null, exception);
        }
    }

    // The manifest rounds means to four decimals and rescaled values to about seven significant digits.
    private static void AssertClose(string expected, double? actual)
    {
        if (expected.Length == 0)
        {
            Assert.Null(actual);
            return;
        }

        var value = double.Parse(expected, CultureInfo.InvariantCulture);
        Assert.NotNull(actual);
        Assert.InRange(actual.Value, value - Tolerance(value), value + Tolerance(value));
    }

    private static double Tolerance(double value) => Math.Max(1e-4, Math.Abs(value) * 1e-6);
}

/// <summary>One row of tests/data/dicom/MANIFEST.tsv.</summary>
internal sealed record ManifestRow(
    string Path, string Status, string PixelSha256Masked, string PixelSha256Le, string StoredMin, string StoredMax, string StoredMean,
    string RescaledMin, string RescaledMax, string RescaledMean)
{
    private static readonly Lazy<IReadOnlyList<ManifestRow>> Rows = new(Load);

    public static IReadOnlyList<ManifestRow> ReadAll() => Rows.Value;

    private static List<ManifestRow> Load()
    {
        var lines = File.ReadAllLines(RepositoryPaths.TestData("dicom", "MANIFEST.tsv"));
        var header = lines[0].Split('\t');
        return lines.Skip(1).Where(line => line.Length > 0).Select(line =>
        {
            var fields = line.Split('\t');
            string Field(string name) => fields[Array.IndexOf(header, name)];
            return new ManifestRow(Field("path"), Field("status"), Field("pixel_sha256_masked"), Field("pixel_sha256_le"), Field("stored_min"),
                Field("stored_max"), Field("stored_mean"), Field("rescaled_min"), Field("rescaled_max"), Field("rescaled_mean"));
        }).ToList();
    }
}
