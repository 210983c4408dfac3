using StudyEdc.Dicom.Pixels;
using StudyEdc.TestSupport;

namespace StudyEdc.Dicom.Tests;

/// <summary>
/// Mutates small real files (fixed seed) and reads and decodes each mutant: the only exception allowed is
/// <see cref="DicomReadException"/>, and the whole run must finish within the test timeout (no hang).
/// </summary>
public sealed class DicomFuzzTests
{
    private const int Seed = 20240611;
    private const int MutationsPerFile = 600;

    private static readonly string[] Samples =
    [
        "pydicom/src/pydicom/data/test_files/CT_small.dcm",
        "pydicom/src/pydicom/data/test_files/MR_small_RLE.dcm",
        "pydicom-data/data_store/data/JPGLosslessP14SV1_1s_1f_8b.dcm",
        "pydicom/src/pydicom/data/test_files/SC_rgb_dcmtk_+eb+cy+s2.dcm",
        "pydicom/src/pydicom/data/test_files/MR_small_jpeg_ls_lossless.dcm",
        "pydicom/src/pydicom/data/test_files/image_dfl.dcm",
        "pydicom/src/pydicom/data/test_files/rtplan.dcm",
    ];

    [Fact(Timeout = 180_000)]
    public async Task Mutated_files_raise_only_read_exception()
    {
        var random = new Random(Seed);
        var options = new DicomReadOptions { MaxFileBytes = 16 << 20, MaxInflatedBytes = 16 << 20, MaxFrameBytes = 16 << 20 };
        var unexpected = new List<string>();

        await Task.Run(() =>
        {
            foreach (var sample in Samples)
            {
                var original = File.ReadAllBytes(RepositoryPaths.TestData("dicom", sample));
                for (var i = 0; i < MutationsPerFile; i++)
                {
                    var mutant = Mutate(original, random);
                    try
                    {
                        ReadEverything(mutant, options);
                    }
                    catch (DicomReadException)
                    {
                        // Rejected with the library's own exception: the expected outcome for damaged data.
                    }
                    catch (Exception exception) when (exception is not OutOfMemoryException)
                    {
                        unexpected.Add($"{sample} mutation {i}: {exception.GetType().Name}: {exception.Message}");
                    }
                }
            }
        }, TestContext.Current.CancellationToken);

        Assert.Empty(unexpected);
    }

    private static void ReadEverything(byte[] bytes, DicomReadOptions options)
    {
        var file = DicomFile.Parse(bytes, "mutant.dcm", options);
        foreach (var element in file.Dataset)
        {
            if (element.VR.IsText())
            {
                file.Dataset.GetString(element.Tag);
            }
        }

        if (!file.Dataset.Contains(DicomPixelData.PixelDataTag))
        {
            return;
        }

        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax, "mutant.dcm", options);
        for (var frame = 0; frame < Math.Min(pixels.NumberOfFrames, 2); frame++)
        {
            pixels.DecodeFrame(frame);
            pixels.GetRescale(frame);
            pixels.GetFrameGeometry(frame);
        }
    }

    /// <summary>Flips bytes, overwrites 32-bit lengths with extreme values, cuts or duplicates a slice.</summary>
    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        var kind = random.Next(4);
        switch (kind)
        {
            case 0:
                for (var i = random.Next(1, 8); i > 0; i--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                break;
            case 1:
                var position = random.Next(bytes.Length - 4);
                uint[] extremes = [0xFFFFFFFF, 0x7FFFFFFF, 0xFFFFFFFE, 0, 1, 0x10000, (uint)random.Next()];
                BitConverter.TryWriteBytes(bytes.AsSpan(position), extremes[random.Next(extremes.Length)]);
                break;
            case 2:
                return bytes[..random.Next(bytes.Length)];
            default:
                var start = random.Next(bytes.Length);
                var length = random.Next(Math.Min(64, bytes.Length - start));
                return [.. bytes[..start], .. bytes.AsSpan(start, length), .. bytes[start..]];
        }

        return bytes;
    }
}
