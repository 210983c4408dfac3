using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StudyEdc.Inference.Preprocessing;
using StudyEdc.Inference.Runtime;

namespace StudyEdc.Benchmarks;

/// <summary>
/// Times the inference pipeline of one AP/PVP exam on the CPU, split into DICOM decode (header scan and series
/// assembly of each phase), preprocessing, the model run and output decoding, with the bundled reference model.
/// Usage: <c>dotnet run -c Release --project tests/StudyEdc.Benchmarks -- inference-pipeline EXAM [runs]</c>, where
/// EXAM holds AP/ and PVP/ (models/training/phantom.py writes such a folder). The first run also loads the model
/// and is reported apart; the table gives the median and the minimum of the other runs (default 5).
/// </summary>
public static class InferencePipelineHarness
{
    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("Usage: inference-pipeline EXAM_FOLDER [runs]   (EXAM_FOLDER holds AP/ and PVP/)");
            return 2;
        }

        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        return RunAsync(args[0], Math.Max(runs, 1)).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string exam, int runs)
    {
        var options = new InferenceOptions { ExecutionProvider = ExecutionProviderPreference.Cpu };
        var provider = ExecutionProviderProbe.Select(options);
        using var sessions = new OnnxSessionCache(provider, Options.Create(options), NullLogger<OnnxSessionCache>.Instance);
        using var detector = new LesionDetector(sessions, Options.Create(options), NullLogger<LesionDetector>.Instance);
        var model = await BundledModel.LoadReferenceAsync(CancellationToken.None);

        var samples = new List<Sample>();
        for (var run = 0; run <= runs; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            var arterial = SeriesFolderLoader.Load(Path.Combine(exam, "AP"), CancellationToken.None);
            var portal = SeriesFolderLoader.Load(Path.Combine(exam, "PVP"), CancellationToken.None);
            var decode = stopwatch.Elapsed;

            stopwatch.Restart();
            var result = await detector.DetectAsync(model, arterial, portal, CancellationToken.None);
            var detect = stopwatch.Elapsed;
            var timings = result.Timings;
            var sample = new Sample(decode, timings.Preprocess, timings.Inference, timings.Postprocess, detect);
            if (run == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"exam: AP {arterial.Width}×{arterial.Height}×{arterial.Depth}, PVP {portal.Width}×{portal.Height}×{portal.Depth}; "
                    + $"{result.Detections.Count} detections; first run (with model load): {Format(sample)}"));
                continue;
            }

            samples.Add(sample);
        }

        Console.WriteLine("| step | median (ms) | min (ms) |");
        Console.WriteLine("| --- | ---: | ---: |");
        WriteRow("decode AP + PVP (scan + assemble)", samples.Select(s => s.Decode));
        WriteRow("preprocess (resample both phases)", samples.Select(s => s.Preprocess));
        WriteRow("inference (ONNX Runtime, CPU)", samples.Select(s => s.Inference));
        WriteRow("postprocess (boxes to patient and voxels)", samples.Select(s => s.Postprocess));
        WriteRow("total", samples.Select(s => s.Decode + s.Detect));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"runs: {samples.Count}; ONNX Runtime {provider.OnnxRuntimeVersion} on {provider.Provider}; {Environment.ProcessorCount} logical CPUs"));
        return 0;
    }

    private sealed record Sample(TimeSpan Decode, TimeSpan Preprocess, TimeSpan Inference, TimeSpan Postprocess, TimeSpan Detect);

    private static void WriteRow(string step, IEnumerable<TimeSpan> values)
    {
        var sorted = values.Select(value => value.TotalMilliseconds).Order().ToArray();
        var median = sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {step} | {median:0.0} | {sorted[0]:0.0} |"));
    }

    private static string Format(Sample sample) => string.Create(CultureInfo.InvariantCulture,
        $"decode {sample.Decode.TotalMilliseconds:0} ms, preprocess {sample.Preprocess.TotalMilliseconds:0} ms, "
        + $"inference {sample.Inference.TotalMilliseconds:0} ms, postprocess {sample.Postprocess.TotalMilliseconds:0} ms, "
        + $"detect call {sample.Detect.TotalMilliseconds:0} ms");
}
