using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Core;
using StudyEdc.Core.Analysis;
using StudyEdc.Core.Data;
using StudyEdc.Core.Exclusions;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Imaging;
using StudyEdc.Core.InferenceJobs;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Participants;
using StudyEdc.Core.ReferenceStandards;
using StudyEdc.Reports;
using StudyEdc.Reports.Model;
using StudyEdc.Reports.Pdf;

namespace StudyEdc.Benchmarks;

/// <summary>
/// Times the accuracy report on a seeded study: snapshot creation (dataset query, box matching, canonical JSON,
/// SHA-256, insert), report assembly from the snapshot (all statistics per site and pooled, STARD) and the PDF.
/// Usage: <c>dotnet run -c Release --project tests/StudyEdc.Benchmarks -- report [participants] [pdf-path]</c>
/// (default 5000 participants, about 1.6 lesions each). The study is seeded with bulk inserts into a fresh SQLite
/// database in a temporary folder; seeding is not timed.
/// </summary>
public static class ReportHarness
{
    private const string ModelName = "benchmark-detector";
    private const string ModelVersion = "1.0.0";
    private static readonly string ModelSha256 = new('e', 64);

    public static int Run(string[] args)
    {
        var participants = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
        var pdfPath = args.Length > 1 ? args[1] : null;
        return RunAsync(participants, pdfPath).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int participantCount, string? pdfPath)
    {
        var directory = Directory.CreateTempSubdirectory("studyedc-report-bench-");
        try
        {
            await using var services = BuildServices(directory.FullName);
            await StudyDatabaseInitializer.InitializeAsync(services, TextWriter.Null);

            var seeding = Stopwatch.StartNew();
            var (lesions, detections) = await SeedAsync(services, participantCount);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seeded {participantCount} participants, {lesions} lesions, {detections} detections in {seeding.Elapsed.TotalSeconds:0.0} s"));

            var pi = new StudyCaller("benchmark-pi", "benchmark-pi", new HashSet<string>([StudyRoles.PrincipalInvestigator], StringComparer.Ordinal), null);
            for (var run = 1; run <= 3; run++)
            {
                await using var scope = services.CreateAsyncScope();
                var analysis = scope.ServiceProvider.GetRequiredService<IAnalysisService>();
                var watch = Stopwatch.StartNew();
                var snapshot = (await analysis.CreateSnapshotAsync(pi)).Value!;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"snapshot {snapshot.Number}: {watch.Elapsed.TotalSeconds:0.000} s ({snapshot.ParticipantCount} participants, {snapshot.LesionRowCount} lesion rows, sha256 {snapshot.Sha256[..12]})"));
            }

            AccuracyReport? report = null;
            foreach (var level in new[] { AnalysisLevel.Lesion, AnalysisLevel.Patient })
            {
                for (var run = 1; run <= 3; run++)
                {
                    await using var scope = services.CreateAsyncScope();
                    var analysis = scope.ServiceProvider.GetRequiredService<IAnalysisService>();
                    var watch = Stopwatch.StartNew();
                    var built = await analysis.BuildReportAsync(pi, new AccuracyReportRequest(1, AnalysisPopulation.PerProtocol, level, null, ReportLanguage.ZhCn));
                    report = built.Value!;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"report {level} run {run}: {watch.Elapsed.TotalSeconds:0.000} s (pooled n {report.Pooled.Count}, AUC {report.Pooled.Auc.Auc:0.0000})"));
                }
            }

            var typefaces = ReportTypefaces.Load(new ReportFontOptions());
            for (var run = 1; run <= 3; run++)
            {
                using var output = new MemoryStream();
                var watch = Stopwatch.StartNew();
                var pages = AccuracyReportPdfWriter.Write(report!, typefaces, output);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"pdf run {run}: {watch.Elapsed.TotalSeconds:0.000} s ({pages} pages, {output.Length / 1024} KiB)"));
                if (pdfPath is not null && run == 1)
                {
                    await File.WriteAllBytesAsync(pdfPath, output.ToArray());
                }
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private static ServiceProvider BuildServices(string dataDirectory)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryRoot(), "appsettings.json"), optional: false)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [StudyDatabase.ProviderKey] = "Sqlite",
                ["ConnectionStrings:" + StudyDatabase.ConnectionStringName] = StudyDatabase.SqliteConnectionStringFor(dataDirectory),
                [StudyDatabaseInitializer.BootstrapPasswordKey] = "Benchmark-Bootstrap-Pa55word!",
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

    /// <summary>
    /// Seeds participants (95% eligible, 2% with a consent-withdrawn exclusion) with 1 to 3 lesions each, boxed on the
    /// exam's one series. For 96% of exams a succeeded job matches 90% of the boxes with malignancy scores that
    /// separate the classes moderately, and adds 0 to 2 false-positive marks.
    /// </summary>
    private static async Task<(int Lesions, int Detections)> SeedAsync(IServiceProvider services, int participantCount)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyDbContext>();
        var random = new Random(20261204);
        var now = DateTime.UtcNow;
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Id).ToListAsync();
        var totalTarget = sites.Sum(s => s.EnrolmentTarget);

        // Participants are audited records, so they go in with plain SQL in one transaction, bypassing the audit trail.
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO Participants (SiteId, StudyId, Age, Sex, CtExamDate, NoPriorLiverTreatment, ReferenceStandardConfirmed,
                    PoorImageQuality, PreviousSurgery, DetectionBoxMismatch, ArterialOrPortalPhaseMissing, Status, Eligibility,
                    IneligibilityReasons, CreatedAtUtc, UpdatedAtUtc, Version)
                VALUES ($site, $studyId, $age, 'Female', '2024-03-18', 1, 1, 0, 0, 0, 0, 'Complete', $eligibility, $reasons, $now, $now, $version)
                """;
            var parameters = new[] { "$site", "$studyId", "$age", "$eligibility", "$reasons", "$now", "$version" }
                .ToDictionary(name => name, name => command.Parameters.Add(new SqliteParameter { ParameterName = name }));
            var number = 0;
            foreach (var site in sites)
            {
                var count = site == sites[^1] ? participantCount - number : participantCount * site.EnrolmentTarget / totalTarget;
                for (var i = 1; i <= count; i++, number++)
                {
                    var eligible = random.NextDouble() < 0.95;
                    parameters["$site"].Value = site.Id;
                    parameters["$studyId"].Value = string.Create(CultureInfo.InvariantCulture, $"{site.Code}-{i:0000}");
                    parameters["$age"].Value = eligible ? 30 + random.Next(50) : 85;
                    parameters["$eligibility"].Value = eligible ? "Eligible" : "Ineligible";
                    parameters["$reasons"].Value = eligible ? "" : IneligibilityReason.AgeOutOfRange;
                    parameters["$now"].Value = now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
                    parameters["$version"].Value = Guid.NewGuid().ToString();
                    await command.ExecuteNonQueryAsync();
                }
            }

            await transaction.CommitAsync();
        }

        var participants = await db.Participants.AsNoTracking().Select(p => new { p.Id, p.SiteId }).ToListAsync();
        var exams = participants.Select(p => new ImagingExam { ParticipantId = p.Id, SiteId = p.SiteId, CreatedAtUtc = now, UpdatedAtUtc = now, PhasesConfirmed = true }).ToList();
        db.AddRange(exams);
        var series = exams.Select(e => new ImagingSeries
        {
            Exam = e,
            SiteId = e.SiteId,
            SeriesInstanceUid = string.Create(CultureInfo.InvariantCulture, $"1.2.826.0.1.3680043.8.498.{e.ParticipantId}"),
            PhaseHint = "Arterial",
            Columns = 512,
            Rows = 512,
            SliceCount = 200,
            SpacingX = 1,
            SpacingY = 1,
            SpacingZ = 1,
            Directions = @"1\0\0\0\1\0\0\0\1",
            CreatedAtUtc = now,
        }).ToList();
        db.AddRange(series);
        await db.SaveChangesAsync();

        var lesionCount = 0;
        var detectionCount = 0;
        for (var index = 0; index < participants.Count; index++)
        {
            var (participant, exam, uid) = (participants[index], exams[index], series[index].SeriesInstanceUid);
            if (random.NextDouble() < 0.02)
            {
                db.Add(new Exclusion { ParticipantId = participant.Id, SiteId = participant.SiteId, Criterion = ExclusionCriterion.ConsentWithdrawn, ExclusionDate = new DateOnly(2024, 6, 1), Status = FormStatus.Complete, CreatedAtUtc = now, UpdatedAtUtc = now });
            }

            var job = random.NextDouble() < 0.96
                ? new InferenceJob
                {
                    ExamId = exam.Id, SiteId = exam.SiteId, ArterialSeriesId = series[index].Id, PortalVenousSeriesId = series[index].Id,
                    ModelName = ModelName, ModelVersion = ModelVersion, ModelSha256 = ModelSha256, Status = InferenceJobStatus.Succeeded,
                    Step = "Done", Attempts = 1, MaxAttempts = 3, AvailableAtUtc = now, CreatedAtUtc = now, CompletedAtUtc = now, CreatedBy = "benchmark",
                }
                : null;
            var lesionsHere = 1 + (random.NextDouble() < 0.45 ? 1 : 0) + (random.NextDouble() < 0.15 ? 1 : 0);
            for (var number = 1; number <= lesionsHere; number++)
            {
                var malignant = random.NextDouble() < 0.45;
                var (x, y, first) = (60 + (number * 120), 200, 20 + (number * 50));
                var lesion = new Lesion
                {
                    ParticipantId = participant.Id, SiteId = participant.SiteId, LesionNumber = number, Status = FormStatus.Complete,
                    Nature = malignant ? LesionNature.Malignant : LesionNature.Benign,
                    ReferenceStandard = malignant ? ReferenceStandardMethod.Pathology : random.NextDouble() < 0.5 ? ReferenceStandardMethod.Consensus : ReferenceStandardMethod.FollowUp,
                    CreatedAtUtc = now, UpdatedAtUtc = now,
                };
                if (random.NextDouble() < 0.97)
                {
                    (lesion.SeriesInstanceUid, lesion.BoxX, lesion.BoxY, lesion.BoxWidth, lesion.BoxHeight, lesion.FirstSlice, lesion.LastSlice) = (uid, x, y, 40, 40, first, first + 20);
                }

                db.Add(lesion);
                lesionCount++;
                if (job is not null && lesion.BoxX is not null && random.NextDouble() < 0.9)
                {
                    job.Predictions.Add(Detection(exam, random, malignant ? 1.2 : -0.4, x - 0.5, y - 0.5, first - 0.5, 40, 20));
                }
            }

            var falsePositives = job is null ? 0 : random.Next(3);
            for (var i = 0; i < falsePositives; i++)
            {
                job!.Predictions.Add(Detection(exam, random, -1.0, 400, 400, 150 + (i * 25), 20, 10));
            }

            if (job is not null)
            {
                detectionCount += job.Predictions.Count;
                db.Add(job);
            }
        }

        db.Add(new AnalysisPlan
        {
            ModelName = ModelName, ModelVersion = ModelVersion, ModelSha256 = ModelSha256, Status = AnalysisPlanStatus.Locked,
            LockedByUserName = "benchmark-pi", LockedAtUtc = now, UpdatedAtUtc = now,
        });
        await db.SaveChangesAsync();
        return (lesionCount, detectionCount);
    }

    /// <summary>A detection box in patient coordinates (identity geometry, 1 mm voxels) with a logistic malignancy score.</summary>
    private static InferencePrediction Detection(ImagingExam exam, Random random, double shift, double minX, double minY, double minZ, double size, double depth)
    {
        var malignancy = 1 / (1 + Math.Exp(-(shift + NextGaussian(random))));
        return new InferencePrediction
        {
            ExamId = exam.Id, SiteId = exam.SiteId, Score = 0.5 + (random.NextDouble() / 2), Malignancy = malignancy,
            PatientMinX = minX, PatientMinY = minY, PatientMinZ = minZ, PatientMaxX = minX + size, PatientMaxY = minY + size, PatientMaxZ = minZ + depth + 1,
            ModelName = ModelName, ModelVersion = ModelVersion, ModelSha256 = ModelSha256,
        };
    }

    private static double NextGaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "StudyEdc.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("The repository root (with StudyEdc.sln) was not found above the benchmark's folder.");
    }
}
