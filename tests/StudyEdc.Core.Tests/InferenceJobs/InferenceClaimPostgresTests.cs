using Microsoft.EntityFrameworkCore;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.InferenceJobs;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Tests.Infrastructure;
using StudyEdc.Inference.Queue;
using StudyEdc.TestSupport;

namespace StudyEdc.Core.Tests.InferenceJobs;

/// <summary>
/// The inference queue's claim on a real PostgreSQL server, in its own database: workers racing for the same
/// jobs each win a different job, and a job whose lease expired is claimed again.
/// </summary>
public sealed class InferenceClaimPostgresTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Racing_workers_claim_job_once()
    {
        var server = ExternalResources.RequirePostgres();
        await using var database = await StudyTestDatabase.CreatePostgresAsync(server, $"studyedc_test_{Guid.NewGuid():N}");
        await QueueJobsAsync(database, 1);

        var claims = await Task.WhenAll(
            database.Get<IInferenceJobStore>().ClaimNextAsync("worker-1", TimeSpan.FromMinutes(5), Cancel),
            database.Get<IInferenceJobStore>().ClaimNextAsync("worker-2", TimeSpan.FromMinutes(5), Cancel));

        var winner = Assert.Single(claims, c => c is not null);
        var job = await database.NewContext().Set<InferenceJob>().AsNoTracking().SingleAsync(Cancel);
        Assert.Equal(winner!.JobId, job.Id);
        Assert.Equal(InferenceJobStatus.Running, job.Status);
        Assert.Equal(1, job.Attempts);
        Assert.Equal(winner.LeaseToken, job.LeaseToken);
    }

    [Fact]
    public async Task Eight_workers_claim_four_jobs_each_once()
    {
        var server = ExternalResources.RequirePostgres();
        await using var database = await StudyTestDatabase.CreatePostgresAsync(server, $"studyedc_test_{Guid.NewGuid():N}");
        await QueueJobsAsync(database, 4);

        var claims = await Task.WhenAll(Enumerable.Range(1, 8).Select(worker =>
            database.Get<IInferenceJobStore>().ClaimNextAsync($"worker-{worker}", TimeSpan.FromMinutes(5), Cancel)));

        var won = claims.Where(c => c is not null).Select(c => c!.JobId).ToList();
        Assert.Equal(4, won.Count);
        Assert.Equal(4, won.Distinct().Count());
        var jobs = await database.NewContext().Set<InferenceJob>().AsNoTracking().ToListAsync(Cancel);
        Assert.All(jobs, j => Assert.Equal(1, j.Attempts));
    }

    [Fact]
    public async Task Expired_lease_is_claimed_again()
    {
        var server = ExternalResources.RequirePostgres();
        await using var database = await StudyTestDatabase.CreatePostgresAsync(server, $"studyedc_test_{Guid.NewGuid():N}");
        await QueueJobsAsync(database, 1);
        var dead = await database.Get<IInferenceJobStore>().ClaimNextAsync("dead-worker", TimeSpan.FromSeconds(-1), Cancel);

        var next = await database.Get<IInferenceJobStore>().ClaimNextAsync("worker-2", TimeSpan.FromMinutes(5), Cancel);

        Assert.NotNull(dead);
        Assert.NotNull(next);
        Assert.Equal(dead.JobId, next.JobId);
        Assert.NotEqual(dead.LeaseToken, next.LeaseToken);
        Assert.Equal(2, (await database.NewContext().Set<InferenceJob>().AsNoTracking().SingleAsync(Cancel)).Attempts);
    }

    /// <summary>Queues one job with the current model for each of <paramref name="count"/> new exams.</summary>
    private static async Task QueueJobsAsync(StudyTestDatabase database, int count)
    {
        var coordinator = await database.CreateCallerAsync(StudyRoles.SiteCoordinator, "HPH");
        var administrator = await database.CreateCallerAsync(StudyRoles.Administrator);
        var examIds = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var participant = await database.Get<IParticipantService>().CreateAsync(coordinator, coordinator.SiteId!.Value, ParticipantInputs.Eligible(), Cancel);
            examIds.Add(await ConfirmedExams.AddAsync(database.NewContext(), participant.Value!.Id, coordinator.SiteId.Value, Cancel));
        }

        var queued = await database.Get<ModelRegistry>().RequeueAsync(administrator, examIds, Cancel);
        Assert.Equal(count, queued.Value);
    }
}
