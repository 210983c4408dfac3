using System.Diagnostics;
using System.Globalization;
using StudyEdc.Dicom.Series;

namespace StudyEdc.Benchmarks;

/// <summary>
/// Times series assembly of a synthetic CT series (one 512×512 file per slice) in this process, one step per run so
/// that an outside tool such as <c>/usr/bin/time -v</c> can read the peak memory of each step alone.
/// Usage: <c>dotnet run -c Release --project tests/StudyEdc.Benchmarks -- series-assembly generate FOLDER [slices]</c>
/// writes the series; <c>series-assembly assemble FOLDER [repetitions]</c> scans the headers, assembles the volume
/// and prints one line of seconds per repetition, the volume size and the managed heap peak.
/// SeriesAssemblyPydicom.py does the same assembly with pydicom for comparison.
/// </summary>
public static class SeriesAssemblyHarness
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("Usage: series-assembly generate FOLDER [slices] | series-assembly assemble FOLDER [repetitions]");
            return 2;
        }

        var folder = args[1];
        var number = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
        return args[0] switch
        {
            "generate" => Generate(folder, number > 0 ? number : 300),
            "assemble" => Assemble(folder, number > 0 ? number : 5),
            _ => Usage(args[0]),
        };
    }

    private static int Generate(string folder, int slices)
    {
        var stopwatch = Stopwatch.StartNew();
        var paths = SyntheticCtSeries.Write(folder, new SyntheticSeriesOptions
        {
            Slices = slices,
            Rows = 512,
            Columns = 512,
            PixelSpacing = 0.7,
            SliceSpacing = 1.0,
            ShuffleFileNames = true,
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {paths.Count} files to {folder} in {stopwatch.Elapsed.TotalSeconds:0.00} s"));
        return 0;
    }

    private static int Assemble(string folder, int repetitions)
    {
        for (var repetition = 0; repetition < repetitions; repetition++)
        {
            var stopwatch = Stopwatch.StartNew();
            var scan = DicomSeriesScanner.Scan([folder]);
            var scanSeconds = stopwatch.Elapsed.TotalSeconds;
            var result = SeriesAssembler.Assemble(scan.Series.Single());
            var totalSeconds = stopwatch.Elapsed.TotalSeconds;
            var volume = result.Volume ?? throw new InvalidOperationException(
                "The series did not assemble: " + string.Join("; ", result.Problems.Select(p => p.Description)));

            // Touch the result so the work cannot be skipped, and print it so runs can be compared.
            var checksum = 0.0;
            for (var i = 0; i < volume.Voxels.Length; i += 4099)
            {
                checksum += volume.Voxels[i];
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {repetition + 1}: header scan {scanSeconds:0.000} s, total {totalSeconds:0.000} s, "
                + $"volume {volume.Width}x{volume.Height}x{volume.Depth} ({volume.Voxels.LongLength * sizeof(float) / 1048576.0:0.0} MiB), "
                + $"checksum {checksum:0}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"managed heap peak (GC.GetGCMemoryInfo) {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:0.0} MiB, "
            + $"process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0.0} MiB"));
        return 0;
    }

    private static int Usage(string verb)
    {
        Console.Error.WriteLine($"Unknown series-assembly step '{verb}'; use generate or assemble.");
        return 2;
    }
}
