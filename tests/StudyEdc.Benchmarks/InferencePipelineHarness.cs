using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Core;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Imaging;
using StudyEdc.Core.Participants;
using StudyEdc.Inference.Queue;
using StudyEdc.Inference.Runtime;

namespace StudyEdc.Benchmarks;

/// <summary>
/// Times one AP/PVP exam from confirmed upload to stored prediction on the CPU, through the real queue and the
/// study database. The steps are queueing the job, the worker's claim, decoding both phases from the image store,
/// preprocessing, the model run, output decoding and storing the detections. Setup (not part of the path): a fresh SQLite database
/// in a temporary folder, a participant, and the ingest of the exam (timed once and reported apart).
/// Usage: <c>dotnet run -c Release --project tests/StudyEdc.Benchmarks -- inference-pipeline EXAM [runs]</c>, where
/// EXAM holds AP/ and PVP/ (models/training/phantom.py writes such a folder). The first run also loads the model
/// and is reported apart; the table gives the median and the minimum of the other runs (default 5).
/// </summary>
public static class InferencePipelineHarness
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

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
        var directory = Directory.CreateTempSubdirectory("studyedc-inference-bench-");
        try
        {
            await using var services = BuildServices(directory.FullName);
            await StudyDatabaseInitializer.InitializeAsync(services, TextWriter.Null);
            var (coordinator, participantId) = await EnrolAsync(services);

            // The upload itself: check, de-identify and store 600 files, then confirm the phases (queues the first job).
            var ingest = Stopwatch.StartNew();
            var detail = await IngestAndConfirmAsync(services, coordinator, participantId, exam);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"setup: ingest of AP {detail.Arterial!.SliceCount} + PVP {detail.PortalVenous!.SliceCount} slices and phase confirmation {ingest.Elapsed.TotalSeconds:0.0} s"));

            var provider = services.GetRequiredService<ExecutionProviderInfo>();
            var samples = new List<Sample>();
            for (var run = 0; run <= runs; run++)
            {
                var sample = await RunOnceAsync(services, coordinator, participantId, queueJob: run > 0);
                if (run == 0)
                {
                    Console.WriteLine($"first run (with model load): {Format(sample)}");
                    continue;
                }

                samples.Add(sample);
            }

            Console.WriteLine("| step | median (ms) | min (ms) |");
            Console.WriteLine("| --- | ---: | ---: |");
            WriteRow("queue the job (row + audit entry)", samples.Select(s => s.Queue));
            WriteRow("claim (conditional update + work item)", samples.Select(s => s.Claim));
            WriteRow("decode AP + PVP from the image store (scan + assemble)", samples.Select(s => s.Decode));
            WriteRow("preprocess (resample both phases)", samples.Select(s => s.Preprocess));
            WriteRow("inference (ONNX Runtime, CPU)", samples.Select(s => s.Inference));
            WriteRow("postprocess (boxes to patient and voxels)", samples.Select(s => s.Postprocess));
            WriteRow("store (detections + job status, one transaction)", samples.Select(s => s.Store));
            WriteRow("total", samples.Select(s => s.Total));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"runs: {samples.Count}; {samples[0].Detections} detections; ONNX Runtime {provider.OnnxRuntimeVersion} on {provider.Provider}; {Environment.ProcessorCount} logical CPUs"));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Runs the worker's steps for one queued job, as InferenceJobProcessor does, timing each.</summary>
    private static async Task<Sample> RunOnceAsync(IServiceProvider services, StudyCaller coordinator, int participantId, bool queueJob)
    {
        await using var scope = services.CreateAsyncScope();
        var watch = Stopwatch.StartNew();
        if (queueJob)
        {
            var queued = await scope.ServiceProvider.GetRequiredService<IImagingService>().RequeueInferenceAsync(coordinator, participantId);
            EnsureSucceeded(queued.Succeeded, "queueing the job");
        }

        var queue = watch.Elapsed;
        var store = scope.ServiceProvider.GetRequiredService<IInferenceJobStore>();
        watch.Restart();
        var job = await store.ClaimNextAsync("benchmark-worker", Lease, CancellationToken.None)
            ?? throw new InvalidOperationException("No job was claimed; the queue is empty.");
        var claim = watch.Elapsed;

        watch.Restart();
        await store.ReportProgressAsync(job, InferenceStep.Decoding, Lease, CancellationToken.None);
        var arterial = InferenceJobProcessor.AssembleVolume(job.ArterialFiles, "arterial", CancellationToken.None);
        var portalVenous = InferenceJobProcessor.AssembleVolume(job.PortalVenousFiles, "portal-venous", CancellationToken.None);
        var decode = watch.Elapsed;

        await store.ReportProgressAsync(job, InferenceStep.Inferring, Lease, CancellationToken.None);
        var result = await services.GetRequiredService<LesionDetector>().DetectAsync(job.Model, arterial, portalVenous, CancellationToken.None);

        watch.Restart();
        await store.ReportProgressAsync(job, InferenceStep.Storing, Lease, CancellationToken.None);
        EnsureSucceeded(await store.CompleteAsync(job, result, CancellationToken.None), "storing the detections");
        var storeTime = watch.Elapsed;

        var timings = result.Timings;
        return new Sample(queue, claim, decode, timings.Preprocess, timings.Inference, timings.Postprocess, storeTime, result.Detections.Count);
    }

    private static async Task<(StudyCaller Coordinator, int ParticipantId)> EnrolAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyDbContext>();
        var siteId = await db.Sites.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        var coordinator = new StudyCaller("benchmark-coordinator", "benchmark-coordinator", new HashSet<string>([StudyRoles.SiteCoordinator], StringComparer.Ordinal), siteId);
        var participant = await scope.ServiceProvider.GetRequiredService<IParticipantService>().CreateAsync(coordinator, siteId,
            new ParticipantInput { Age = 60, Sex = Sex.Male, CtExamDate = new DateOnly(2024, 3, 18) });
        EnsureSucceeded(participant.Succeeded, "enrolling the participant");
        return (coordinator, participant.Value!.Id);
    }

    private static async Task<ImagingExamDetail> IngestAndConfirmAsync(IServiceProvider services, StudyCaller coordinator, int participantId, string exam)
    {
        await using var scope = services.CreateAsyncScope();
        var imaging = scope.ServiceProvider.GetRequiredService<IImagingService>();
        var upload = await imaging.IngestAsync(coordinator, participantId, exam);
        EnsureSucceeded(upload.Succeeded && upload.Value!.Series.Count(s => s.Outcome == IngestOutcome.Stored) == 2, "ingesting AP and PVP");

        var detail = (await imaging.GetExamAsync(coordinator, participantId))!;
        var arterial = detail.Series.Single(s => s.PhaseHint == "Arterial").Id;
        var portalVenous = detail.Series.Single(s => s.PhaseHint == "PortalVenous").Id;
        var confirmed = await imaging.ConfirmPhasesAsync(coordinator, participantId, arterial, portalVenous, detail.Version);
        EnsureSucceeded(confirmed.Succeeded, "confirming the phases");
        return confirmed.Value!;
    }

    private static ServiceProvider BuildServices(string dataDirectory)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(ReportHarness.RepositoryRoot(), "appsettings.json"), optional: false)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [StudyDatabase.ProviderKey] = "Sqlite",
                [StudyDatabase.DataDirectoryKey] = dataDirectory,
                ["ConnectionStrings:" + StudyDatabase.ConnectionStringName] = StudyDatabase.SqliteConnectionStringFor(dataDirectory),
                [StudyDatabaseInitializer.BootstrapPasswordKey] = "Benchmark-Bootstrap-Pa55word!",
                ["Inference:ExecutionProvider"] = "Cpu",

                // The harness plays the worker itself, step by step.
                ["Inference:Queue:Enabled"] = "false",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddIdentityCore<StudyUser>(StudyIdentityOptions.Apply).AddRoles<IdentityRole>().AddEntityFrameworkStores<StudyDbContext>();
        services.AddStudyEdcCore(configuration);
        return services.BuildServiceProvider();
    }

    private static void EnsureSucceeded(bool succeeded, string step)
    {
        if (!succeeded)
        {
            throw new InvalidOperationException($"Benchmark setup failed while {step}.");
        }
    }

    private sealed record Sample(TimeSpan Queue, TimeSpan Claim, TimeSpan Decode, TimeSpan Preprocess, TimeSpan Inference, TimeSpan Postprocess, TimeSpan Store, int Detections)
    {
        public TimeSpan Total => Queue + Claim + Decode + Preprocess + Inference + Postprocess + Store;
    }

    private static void WriteRow(string step, IEnumerable<TimeSpan> values)
    {
        var sorted = values.Select(value => value.TotalMilliseconds).Order().ToArray();
        var median = sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {step} | {median:0.0} | {sorted[0]:0.0} |"));
    }

    private static string Format(Sample sample) => string.Create(CultureInfo.InvariantCulture,
        $"claim {sample.Claim.TotalMilliseconds:0} ms, decode {sample.Decode.TotalMilliseconds:0} ms, preprocess {sample.Preprocess.TotalMilliseconds:0} ms, "
        + $"inference {sample.Inference.TotalMilliseconds:0} ms, postprocess {sample.Postprocess.TotalMilliseconds:0} ms, store {sample.Store.TotalMilliseconds:0} ms");
}
