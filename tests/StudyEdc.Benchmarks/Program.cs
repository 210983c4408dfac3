using BenchmarkDotNet.Running;
using StudyEdc.Benchmarks;

// `dotnet run -c Release --project tests/StudyEdc.Benchmarks -- <harness> [args]` runs a timed console harness;
// anything else goes to BenchmarkDotNet's switcher (for example `-- --filter '*DeLong*'`).
var harnesses = new Dictionary<string, Func<string[], int>>(StringComparer.Ordinal)
{
    ["stats-vs-proc"] = StatsVersusProcHarness.Run,
    ["series-assembly"] = SeriesAssemblyHarness.Run,
    ["inference-pipeline"] = InferencePipelineHarness.Run,
    ["dicom-read"] = DicomReadHarness.Run,
    ["load-test"] = LoadTestHarness.Run,
    ["report"] = ReportHarness.Run,
};

if (args.Length > 0 && harnesses.TryGetValue(args[0], out var harness))
{
    return harness(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(StatsDeLongBenchmarks).Assembly).Run(args);
return 0;
