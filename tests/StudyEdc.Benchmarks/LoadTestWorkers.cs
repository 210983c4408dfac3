using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Core;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Identity;
using StudyEdc.Demo;

namespace StudyEdc.Benchmarks;

/// <summary>Counters and latency samples shared by the workers of one load-test run; safe for concurrent use.</summary>
internal sealed class LoadTestMetrics
{
    private readonly ConcurrentBag<double> _saveMilliseconds = [];
    private readonly ConcurrentBag<double> _uploadMilliseconds = [];
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);
    private long _lostUpdates;
    private long _conflictsAsExpected;
    private long _contentionRounds;

    public IReadOnlyCollection<double> SaveMilliseconds => _saveMilliseconds;

    public IReadOnlyCollection<double> UploadMilliseconds => _uploadMilliseconds;

    public IReadOnlyDictionary<string, int> Errors => _errors;

    public long LostUpdates => Interlocked.Read(ref _lostUpdates);

    public long ConflictsAsExpected => Interlocked.Read(ref _conflictsAsExpected);

    public long ContentionRounds => Interlocked.Read(ref _contentionRounds);

    public void AddSave(TimeSpan elapsed) => _saveMilliseconds.Add(elapsed.TotalMilliseconds);

    public void AddUpload(TimeSpan elapsed) => _uploadMilliseconds.Add(elapsed.TotalMilliseconds);

    public void AddError(string kind) => _errors.AddOrUpdate(kind, 1, (_, count) => count + 1);

    public void AddLostUpdate() => Interlocked.Increment(ref _lostUpdates);

    public void AddContentionRound(bool conflictReported)
    {
        Interlocked.Increment(ref _contentionRounds);
        if (conflictReported)
        {
            Interlocked.Increment(ref _conflictsAsExpected);
        }
    }
}

/// <summary>
/// The simulated users. CRF saves call <see cref="IClinicalCrfService"/> in a new DI scope of the running host per
/// request, as a Blazor circuit's event handler does, because driving the SignalR circuits of 50 browsers is not
/// practical here. Uploads go through the HTTP upload endpoint with a signed-in cookie.
/// </summary>
internal sealed class LoadTestWorkers(IServiceProvider services, LoadTestMetrics metrics)
{
    /// <summary>
    /// Saves one participant's clinical CRF again and again with a new AFP value and the version it last saved, then
    /// reads it back in a new scope: a different value or version is a lost update.
    /// </summary>
    public async Task RunCoordinatorAsync(StudyCaller coordinator, int participantId, Guid version, int worker, CancellationToken stop)
    {
        for (var iteration = 1; !stop.IsCancellationRequested; iteration++)
        {
            var value = AfpValue(worker, iteration);
            var stopwatch = Stopwatch.StartNew();
            ServiceResult<ClinicalCrfDetail> saved;
            try
            {
                saved = await SaveAsync(coordinator, participantId, value, version).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsDatabaseFailure(exception))
            {
                // The request failed as a page's would (an error shown to the user); carry on from the stored version.
                metrics.AddError($"save {exception.GetType().Name}");
                version = (await GetAsync(coordinator, participantId).ConfigureAwait(false))?.Version ?? version;
                continue;
            }

            metrics.AddSave(stopwatch.Elapsed);
            if (!saved.Succeeded)
            {
                metrics.AddError($"save {saved.Failure}");
                return;
            }

            version = saved.Value!.Version;
            var reread = await GetAsync(coordinator, participantId).ConfigureAwait(false);
            if (reread is null || reread.Values.AfpValue != value || reread.Version != version)
            {
                metrics.AddLostUpdate();
            }
        }
    }

    /// <summary>
    /// Sends two saves of one record with the same loaded version at once: exactly one must succeed and the other must
    /// return a conflict, and the stored value must be the successful one's. Anything else is a lost update.
    /// </summary>
    public async Task RunContentionAsync(StudyCaller coordinator, int participantId, int worker, CancellationToken stop)
    {
        for (var round = 1; !stop.IsCancellationRequested; round++)
        {
            var loaded = await GetAsync(coordinator, participantId).ConfigureAwait(false);
            if (loaded is null)
            {
                metrics.AddError("contention record missing");
                return;
            }

            var first = AfpValue(worker, 2 * round);
            var second = AfpValue(worker, (2 * round) + 1);
            ServiceResult<ClinicalCrfDetail>[] results;
            try
            {
                results = await Task.WhenAll(
                    Task.Run(() => SaveAsync(coordinator, participantId, first, loaded.Version), CancellationToken.None),
                    Task.Run(() => SaveAsync(coordinator, participantId, second, loaded.Version), CancellationToken.None)).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsDatabaseFailure(exception))
            {
                metrics.AddError($"concurrent save {exception.GetType().Name}");
                continue;
            }

            var winners = results.Count(r => r.Succeeded);
            var conflicts = results.Count(r => r.Failure == ServiceFailure.Conflict);
            var stored = await GetAsync(coordinator, participantId).ConfigureAwait(false);
            var winningValue = results[0].Succeeded ? first : second;
            if (winners != 1 || conflicts != 1 || stored?.Values.AfpValue != winningValue)
            {
                metrics.AddLostUpdate();
            }

            metrics.AddContentionRound(conflicts == 1);
        }
    }

    /// <summary>Uploads a newly written phantom AP/PVP exam through the HTTP endpoint, rotating over the participants given.</summary>
    public async Task RunUploaderAsync(HttpClient client, IReadOnlyList<int> participantIds, int worker, CancellationToken stop)
    {
        for (var upload = 0; !stop.IsCancellationRequested; upload++)
        {
            var participantId = participantIds[upload % participantIds.Count];
            var folder = Directory.CreateTempSubdirectory("studyedc-load-upload-");
            try
            {
                var seed = (worker * 1_000_000) + upload;
                var files = DemoPhantomExam.Write(folder.FullName, seed);
                using var content = new MultipartFormDataContent();
                foreach (var file in files)
                {
                    var part = new ByteArrayContent(await File.ReadAllBytesAsync(file, CancellationToken.None).ConfigureAwait(false));
                    part.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
                    content.Add(part, "files", Path.GetRelativePath(folder.FullName, file).Replace('\\', '/'));
                }

                var stopwatch = Stopwatch.StartNew();
                using var response = await client.PostAsync(
                    new Uri(string.Create(CultureInfo.InvariantCulture, $"api/imaging/participants/{participantId}/uploads"), UriKind.Relative),
                    content, CancellationToken.None).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None).ConfigureAwait(false);
                metrics.AddUpload(stopwatch.Elapsed);
                if (response.StatusCode != HttpStatusCode.OK || CountStoredSeries(body) != 2)
                {
                    metrics.AddError(string.Create(CultureInfo.InvariantCulture, $"upload HTTP {(int)response.StatusCode}"));
                }
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }
    }

    /// <summary>Creates a participant's clinical CRF and returns its version.</summary>
    public async Task<Guid> CreateClinicalCrfAsync(StudyCaller coordinator, int participantId)
    {
        var created = await SaveAsync(coordinator, participantId, 1m, null).ConfigureAwait(false);
        return created.Succeeded
            ? created.Value!.Version
            : throw new InvalidOperationException($"Clinical CRF of participant {participantId} was not created: {created.Failure}.");
    }

    private async Task<ServiceResult<ClinicalCrfDetail>> SaveAsync(StudyCaller coordinator, int participantId, decimal afp, Guid? version)
    {
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var input = new ClinicalCrfInput
            {
                HepatitisB = ViralStatus.Positive,
                Cirrhosis = true,
                AfpValue = afp,
                AfpUnit = AfpUnit.NanogramsPerMillilitre,
                ReasonForCt = CtIndication.Surveillance,
                ContrastDoseMl = 90,
            };
            return await scope.ServiceProvider.GetRequiredService<IClinicalCrfService>()
                .SaveAsync(coordinator, participantId, input, version, null, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<ClinicalCrfDetail?> GetAsync(StudyCaller coordinator, int participantId)
    {
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await scope.ServiceProvider.GetRequiredService<IClinicalCrfService>()
                .GetAsync(coordinator, participantId, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// True for a failed database command: a provider error, a failed SaveChanges, or EF Core's wrapper of a timeout
    /// that its retrying execution strategy gave up on. A page shows these as an error, so the run counts them.
    /// </summary>
    public static bool IsDatabaseFailure(Exception exception) =>
        exception is DbException or DbUpdateException || exception.InnerException is DbException or TimeoutException;

    /// <summary>
    /// An AFP value that differs from the worker's previous save and from every other worker's values, so a read-back
    /// of another writer's value shows. It stays below the CRF's limit of 1 000 000 ng/mL for up to 99 workers.
    /// </summary>
    private static decimal AfpValue(int worker, int iteration) => (worker * 10_000m) + (iteration % 9_999) + 0.5m;

    private static int CountStoredSeries(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("series").EnumerateArray()
            .Count(s => s.GetProperty("outcome").ValueKind == JsonValueKind.String
                ? s.GetProperty("outcome").GetString() == "Stored"
                : s.GetProperty("outcome").GetInt32() == 0);
    }
}
