using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Sites;
using StudyEdc.Core.Tests.Infrastructure;
using StudyEdc.TestSupport;

namespace StudyEdc.Core.Tests;

/// <summary>
/// The same services on a real PostgreSQL server: migrations, seeding, row locks under concurrent writers,
/// tamper detection. The class gets its own database, dropped afterwards; each test uses its own site data
/// or compares before and after, so the tests do not depend on each other.
/// </summary>
public sealed class PostgresIntegrationTests(PostgresIntegrationTests.DatabaseFixture fixture)
    : IClassFixture<PostgresIntegrationTests.DatabaseFixture>
{
    [Fact]
    public async Task Migrations_and_seeding_create_the_five_sites()
    {
        var database = await fixture.GetAsync();
        var administrator = await database.CreateCallerAsync(StudyRoles.Administrator);

        var sites = await database.Get<ISiteService>().ListAsync(administrator, TestContext.Current.CancellationToken);

        Assert.Equal(["WCH", "CMC", "HPH", "SYH", "WUH"], sites.Select(s => s.Code));
        Assert.Equal(5000, sites.Sum(s => s.EnrolmentTarget));
    }

    [Fact]
    public async Task Concurrent_creates_get_distinct_consecutive_study_ids()
    {
        var database = await fixture.GetAsync();
        var coordinator = await database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WUH");
        const int count = 8;

        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(() =>
            database.Get<IParticipantService>().CreateAsync(coordinator, coordinator.SiteId!.Value, ParticipantInputs.Partial(), TestContext.Current.CancellationToken))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Failure.ToString()));
        var ids = results.Select(r => r.Value!.StudyId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(1, count).Select(n => string.Create(CultureInfo.InvariantCulture, $"WUH-{n:0000}")), ids);
    }

    [Fact]
    public async Task Concurrent_writers_keep_one_unbroken_chain()
    {
        var database = await fixture.GetAsync();
        var administrator = await database.CreateCallerAsync(StudyRoles.Administrator);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            database.Get<IAuditTrail>().RecordSignInAsync(administrator.UserId, administrator.UserName, i % 3 != 0, TestContext.Current.CancellationToken))));
        var result = await database.Get<IAuditTrail>().VerifyChainAsync(TestContext.Current.CancellationToken);

        Assert.True(result.IsIntact, result.Problem);
    }

    [Fact]
    public async Task Stale_update_returns_conflict()
    {
        var database = await fixture.GetAsync();
        var coordinator = await database.CreateCallerAsync(StudyRoles.SiteCoordinator, "HPH");
        var created = (await database.Get<IParticipantService>().CreateAsync(coordinator, coordinator.SiteId!.Value, ParticipantInputs.Partial(), TestContext.Current.CancellationToken)).Value!;
        await database.Get<IParticipantService>().UpdateAsync(coordinator, created.Id, ParticipantInputs.Partial() with { Age = 44 }, created.Version, null, TestContext.Current.CancellationToken);

        var stale = await database.Get<IParticipantService>().UpdateAsync(coordinator, created.Id, ParticipantInputs.Partial() with { Age = 45 }, created.Version, null, TestContext.Current.CancellationToken);

        Assert.Equal(ServiceFailure.Conflict, stale.Failure);
    }

    [Fact]
    public async Task Another_sites_coordinator_gets_not_found()
    {
        var database = await fixture.GetAsync();
        var coordinator = await database.CreateCallerAsync(StudyRoles.SiteCoordinator, "SYH");
        var outsider = await database.CreateCallerAsync(StudyRoles.SiteCoordinator, "CMC");
        var created = (await database.Get<IParticipantService>().CreateAsync(coordinator, coordinator.SiteId!.Value, ParticipantInputs.Partial(), TestContext.Current.CancellationToken)).Value!;

        var detail = await database.Get<IParticipantService>().GetAsync(outsider, created.Id, TestContext.Current.CancellationToken);

        Assert.Null(detail);
    }

    // Runs last in this class by name order is not guaranteed, so it repairs what it tampers with.
    [Fact]
    public async Task Tampered_row_is_reported_at_its_entry()
    {
        var database = await fixture.GetAsync();
        var administrator = await database.CreateCallerAsync(StudyRoles.Administrator);
        await database.Get<IAuditTrail>().RecordExportAsync(administrator, "TamperProbe", null, "probe", TestContext.Current.CancellationToken);
        var db = database.NewContext();
        var target = await db.AuditEntries.Where(a => a.EntityId == "TamperProbe").Select(a => a.Id).SingleAsync(TestContext.Current.CancellationToken);

        await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Reason\" = 'altered' WHERE \"Id\" = {target}", TestContext.Current.CancellationToken);
        var result = await database.Get<IAuditTrail>().VerifyChainAsync(TestContext.Current.CancellationToken);
        await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Reason\" = 'probe' WHERE \"Id\" = {target}", TestContext.Current.CancellationToken);

        Assert.False(result.IsIntact);
        Assert.Equal(target, result.FirstBrokenEntryId);
    }

    /// <summary>One uniquely named database for the class, created on first use and dropped at the end.</summary>
    public sealed class DatabaseFixture : IAsyncDisposable
    {
        private readonly SemaphoreSlim _lock = new(1, 1);
        private StudyTestDatabase? _database;

        public async Task<StudyTestDatabase> GetAsync()
        {
            var server = ExternalResources.RequirePostgres();
            await _lock.WaitAsync();
            try
            {
                _database ??= await StudyTestDatabase.CreatePostgresAsync(server, $"studyedc_test_{Guid.NewGuid():N}");
                return _database;
            }
            finally
            {
                _lock.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_database is not null)
            {
                await _database.DisposeAsync();
            }

            _lock.Dispose();
        }
    }
}
