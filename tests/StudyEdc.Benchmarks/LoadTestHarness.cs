using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Demo;

namespace StudyEdc.Benchmarks;

/// <summary>
/// Load test of the real web host on 127.0.0.1 for a bounded duration. Simulated coordinators (ten per site by
/// default) save clinical CRFs and re-read them. One pair per site saves the same record at once to prove the
/// optimistic-concurrency check. Five uploaders send phantom AP/PVP exams through the HTTP upload endpoint. Prints save
/// latency percentiles, errors, lost updates and the process's memory. Exit code 0 when errors and lost updates are
/// both zero, 1 otherwise, 2 for invalid arguments.
/// Usage: <c>dotnet run -c Release --project tests/StudyEdc.Benchmarks -- load-test [--seconds N] [--coordinators-per-site N] [--uploaders N]
/// [--postgres CONNECTION]</c>. With --postgres the host uses a new database on that server, which the harness drops at
/// the end, so the role needs CREATEDB. Without it the host uses SQLite in a temporary folder.
/// </summary>
public static class LoadTestHarness
{
    private const int MaxSeconds = 3600;

    public static int Run(string[] args)
    {
        var seconds = 300;
        var coordinatorsPerSite = 10;
        var uploaders = 5;
        string? postgres = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--seconds": seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--coordinators-per-site": coordinatorsPerSite = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--uploaders": uploaders = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--postgres": postgres = args[i + 1]; break;
                default:
                    Console.Error.WriteLine($"Unknown option {args[i]}. Use --seconds, --coordinators-per-site, --uploaders or --postgres.");
                    return 2;
            }
        }

        if (seconds is < 1 or > MaxSeconds || coordinatorsPerSite is < 1 or > 18 || uploaders is < 0 or > 20)
        {
            Console.Error.WriteLine($"Use --seconds 1 to {MaxSeconds}, --coordinators-per-site 1 to 18 (the AFP values written stay unique for up to 99 workers) and --uploaders 0 to 20.");
            return 2;
        }

        return RunAsync(TimeSpan.FromSeconds(seconds), coordinatorsPerSite, uploaders, postgres).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(TimeSpan duration, int coordinatorsPerSite, int uploaders, string? postgresServer)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("studyedc-load-");
        var database = postgresServer is null ? null : LoadTestPostgres.Create(postgresServer);
        try
        {
            await using var host = new LoadTestHost(dataDirectory.FullName, database?.ConnectionString);
            host.StartServer();
            var services = host.Services;
            await StudyDatabaseInitializer.InitializeAsync(services, TextWriter.Null, CancellationToken.None);
            var seeded = await DemoStudy.SeedAsync(services, TextWriter.Null, CancellationToken.None);
            if (!seeded.Succeeded)
            {
                Console.Error.WriteLine($"The demo seed was rejected: {string.Join(" ", seeded.Errors.Select(e => e.Message))}");
                return 1;
            }

            var metrics = new LoadTestMetrics();
            var workers = new LoadTestWorkers(services, metrics);
            var sites = await SitesAsync(services);
            var plan = await PrepareAsync(services, workers, host, sites, coordinatorsPerSite, uploaders);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"host {host.BaseAddress}; {plan.Coordinators.Count} coordinators, {plan.Contention.Count} contention pairs, {plan.Uploaders.Count} uploaders, {duration.TotalSeconds} s"));

            using var stop = new CancellationTokenSource(duration);
            var memory = new MemorySampler();
            var sampling = memory.RunAsync(stop.Token);
            var wallClock = Stopwatch.StartNew();
            var tasks = new List<Task>();
            tasks.AddRange(plan.Coordinators.Select((c, i) => GuardAsync(metrics, () => workers.RunCoordinatorAsync(c.Caller, c.ParticipantId, c.Version, i + 1, stop.Token))));
            tasks.AddRange(plan.Contention.Select((c, i) => GuardAsync(metrics, () => workers.RunContentionAsync(c.Caller, c.ParticipantId, plan.Coordinators.Count + i + 1, stop.Token))));
            tasks.AddRange(plan.Uploaders.Select((u, i) => GuardAsync(metrics, () => workers.RunUploaderAsync(u.Client, u.ParticipantIds, i + 1, stop.Token))));
            await Task.WhenAll(tasks);
            wallClock.Stop();
            await sampling;

            foreach (var uploader in plan.Uploaders)
            {
                uploader.Client.Dispose();
            }

            LoadTestReport.Print(metrics, memory, wallClock.Elapsed, coordinatorsPerSite, plan.Uploaders.Count, database is null ? "SQLite" : "PostgreSQL");
            return metrics.Errors.Count == 0 && metrics.LostUpdates == 0 ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (database is not null)
            {
                await database.DropAsync();
            }

            dataDirectory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Runs one simulated user on the thread pool. An exception that ends it counts as an error and is printed, so the
    /// run still reports its figures.
    /// </summary>
    private static Task GuardAsync(LoadTestMetrics metrics, Func<Task> worker) => Task.Run(async () =>
    {
        try
        {
            await worker();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            metrics.AddError($"worker stopped by {exception.GetType().Name}");
            await Console.Error.WriteLineAsync($"A simulated user stopped: {exception.GetType().Name}: {exception.Message}");
        }
    }, CancellationToken.None);

    private static async Task<List<(int Id, string Code)>> SitesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyDbContext>();
        return [.. db.Sites.OrderBy(s => s.Id).Select(s => new { s.Id, s.Code }).AsEnumerable().Select(s => (s.Id, s.Code))];
    }

    /// <summary>Enrols the participants each worker edits or uploads to, and signs the uploaders in.</summary>
    private static async Task<LoadTestPlan> PrepareAsync(IServiceProvider services, LoadTestWorkers workers, LoadTestHost host,
        List<(int Id, string Code)> sites, int coordinatorsPerSite, int uploaders)
    {
        var plan = new LoadTestPlan();
        foreach (var (siteId, code) in sites)
        {
            var userName = code.ToLowerInvariant() + "-coordinator";
            var caller = await CallerAsync(services, userName);
            for (var i = 0; i < coordinatorsPerSite; i++)
            {
                var participantId = await EnrolAsync(services, caller, siteId);
                plan.Coordinators.Add((caller, participantId, await workers.CreateClinicalCrfAsync(caller, participantId)));
            }

            var contended = await EnrolAsync(services, caller, siteId);
            await workers.CreateClinicalCrfAsync(caller, contended);
            plan.Contention.Add((caller, contended));
        }

        for (var i = 0; i < uploaders; i++)
        {
            var (siteId, code) = sites[i % sites.Count];
            var userName = code.ToLowerInvariant() + "-coordinator";
            var caller = await CallerAsync(services, userName);
            var participantIds = new List<int>();
            for (var p = 0; p < 10; p++)
            {
                participantIds.Add(await EnrolAsync(services, caller, siteId));
            }

            plan.Uploaders.Add((await host.SignInAsync(userName, CancellationToken.None), participantIds));
        }

        return plan;
    }

    private static async Task<StudyCaller> CallerAsync(IServiceProvider services, string userName)
    {
        await using var scope = services.CreateAsyncScope();
        var normalized = userName.ToUpperInvariant();
        var userId = scope.ServiceProvider.GetRequiredService<StudyDbContext>().Users.Where(u => u.NormalizedUserName == normalized).Select(u => u.Id).Single();
        return await scope.ServiceProvider.GetRequiredService<StudyCallerFactory>().FromUserIdAsync(userId)
            ?? throw new InvalidOperationException($"Demo user {userName} is missing or deactivated.");
    }

    private static async Task<int> EnrolAsync(IServiceProvider services, StudyCaller caller, int siteId)
    {
        await using var scope = services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<IParticipantService>()
            .CreateAsync(caller, siteId, DemoInputs.EligibleParticipant(60, Sex.Male, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-30)));
        return created.Succeeded
            ? created.Value!.Id
            : throw new InvalidOperationException($"Enrolment at site {siteId} failed ({created.Failure}): {string.Join(" ", created.Errors.Select(e => e.Message))}");
    }

    private sealed class LoadTestPlan
    {
        public List<(StudyCaller Caller, int ParticipantId, Guid Version)> Coordinators { get; } = [];

        public List<(StudyCaller Caller, int ParticipantId)> Contention { get; } = [];

        public List<(HttpClient Client, IReadOnlyList<int> ParticipantIds)> Uploaders { get; } = [];
    }
}

/// <summary>Samples this process's working set and GC heap once a second; the web host runs in this process.</summary>
internal sealed class MemorySampler
{
    public long PeakWorkingSetBytes { get; private set; }

    public long PeakGcHeapBytes { get; private set; }

    public long LastWorkingSetBytes { get; private set; }

    public long LastGcHeapBytes { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        using var process = Process.GetCurrentProcess();
        while (true)
        {
            process.Refresh();
            LastWorkingSetBytes = process.WorkingSet64;
            LastGcHeapBytes = GC.GetGCMemoryInfo().HeapSizeBytes;
            PeakWorkingSetBytes = Math.Max(PeakWorkingSetBytes, LastWorkingSetBytes);
            PeakGcHeapBytes = Math.Max(PeakGcHeapBytes, LastGcHeapBytes);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>Prints the figures of one run as the Markdown rows that docs/benchmarks.md records.</summary>
internal static class LoadTestReport
{
    public static void Print(LoadTestMetrics metrics, MemorySampler memory, TimeSpan elapsed, int coordinatorsPerSite, int uploaders, string database)
    {
        var saves = metrics.SaveMilliseconds.Order().ToArray();
        var uploads = metrics.UploadMilliseconds.Order().ToArray();
        string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

        Console.WriteLine(Line($"machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, load average at end {LoadAverage()}"));
        Console.WriteLine(Line($"run: {elapsed.TotalSeconds:0} s, {database}, {coordinatorsPerSite} coordinators per site, {uploaders} uploaders"));
        Console.WriteLine("| measure | value |");
        Console.WriteLine("| --- | --- |");
        Console.WriteLine(Line($"| CRF saves | {saves.Length} ({saves.Length / elapsed.TotalSeconds:0.0}/s) |"));
        Console.WriteLine(Line($"| save latency p50 / p95 / p99 / max (ms) | {Percentile(saves, 50):0.0} / {Percentile(saves, 95):0.0} / {Percentile(saves, 99):0.0} / {(saves.Length == 0 ? 0 : saves[^1]):0.0} |"));
        Console.WriteLine(Line($"| uploads (85 slices each) | {uploads.Length} |"));
        Console.WriteLine(Line($"| upload latency p50 / p95 / max (ms) | {Percentile(uploads, 50):0} / {Percentile(uploads, 95):0} / {(uploads.Length == 0 ? 0 : uploads[^1]):0} |"));
        Console.WriteLine(Line($"| errors | {metrics.Errors.Values.Sum()} {string.Join(", ", metrics.Errors.Select(e => $"{e.Key}: {e.Value}"))} |"));
        Console.WriteLine(Line($"| lost updates | {metrics.LostUpdates} |"));
        Console.WriteLine(Line($"| concurrent-edit rounds ending in one save and one conflict | {metrics.ConflictsAsExpected} of {metrics.ContentionRounds} |"));
        Console.WriteLine(Line($"| working set peak / end (MiB) | {memory.PeakWorkingSetBytes / 1048576.0:0} / {memory.LastWorkingSetBytes / 1048576.0:0} |"));
        Console.WriteLine(Line($"| GC heap peak / end (MiB) | {memory.PeakGcHeapBytes / 1048576.0:0} / {memory.LastGcHeapBytes / 1048576.0:0} |"));
    }

    /// <summary>Nearest-rank percentile of sorted values; 0 for none.</summary>
    private static double Percentile(double[] sorted, double percent) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
