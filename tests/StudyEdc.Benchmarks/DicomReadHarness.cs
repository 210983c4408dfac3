using System.Diagnostics;
using System.Globalization;
using StudyEdc.Dicom;
using StudyEdc.Dicom.Pixels;

namespace StudyEdc.Benchmarks;

/// <summary>
/// Times parsing and decoding every frame of every file under a folder (the test corpus tests/data/dicom by
/// default), in one process. Usage: <c>dotnet run -c Release --project tests/StudyEdc.Benchmarks -- dicom-read
/// [FOLDER] [repetitions]</c>. The first repetition is a warm-up and is reported but not averaged.
/// DicomReadPydicom.py does the same work with pydicom for comparison.
/// </summary>
public static class DicomReadHarness
{
    public static int Run(string[] args)
    {
        var folder = args.Length > 0 ? args[0] : Path.Combine("tests", "data", "dicom");
        var repetitions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(path => !path.EndsWith(".tsv", StringComparison.Ordinal) && !path.EndsWith("LICENCE-NOTES.md", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var bytes = files.Sum(path => new FileInfo(path).Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{files.Count} files, {bytes / 1e6:0.0} MB"));

        var seconds = new List<double>();
        for (var repetition = 0; repetition <= repetitions; repetition++)
        {
            var stopwatch = Stopwatch.StartNew();
            var (decoded, frames, rejected) = ReadAll(files);
            stopwatch.Stop();
            if (repetition > 0)
            {
                seconds.Add(stopwatch.Elapsed.TotalSeconds);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(repetition == 0 ? "warm-up" : "run " + repetition)}: {stopwatch.Elapsed.TotalSeconds:0.000} s, {decoded} files with pixels decoded ({frames} frames), {rejected} rejected"));
        }

        seconds.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median {seconds[seconds.Count / 2]:0.000} s, min {seconds[0]:0.000} s, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB"));
        return 0;
    }

    private static (int Decoded, int Frames, int Rejected) ReadAll(List<string> files)
    {
        int decoded = 0, frames = 0, rejected = 0;
        foreach (var path in files)
        {
            try
            {
                var file = DicomFile.Open(path);
                if (!file.Dataset.Contains(DicomPixelData.PixelDataTag))
                {
                    continue;
                }

                var pixels = file.GetPixelData();
                var buffer = new int[pixels.ValuesPerFrame];
                for (var frame = 0; frame < pixels.NumberOfFrames; frame++)
                {
                    pixels.DecodeFrame(frame, buffer);
                    frames++;
                }

                decoded++;
            }
            catch (DicomReadException)
            {
                rejected++;
            }
        }

        return (decoded, frames, rejected);
    }
}
