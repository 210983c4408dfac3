using Microsoft.EntityFrameworkCore;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Tests.Infrastructure;

namespace StudyEdc.Core.Tests;

public sealed class AuditTrailTests : SqliteTestBase
{
    [Fact]
    public async Task Fresh_chain_verifies_intact()
    {
        await EnrolSeveralAsync(2);

        var result = await Database.Get<IAuditTrail>().VerifyChainAsync(TestContext.Current.CancellationToken);

        Assert.True(result.IsIntact, result.Problem);
        Assert.True(result.EntriesChecked > 0);
    }

    [Fact]
    public async Task Tampered_value_is_reported_at_its_entry()
    {
        await EnrolSeveralAsync(2);
        var target = await MiddleEntryIdAsync();

        await Database.NewContext().Database.ExecuteSqlAsync(
            $"UPDATE \"AuditEntries\" SET \"NewValue\" = '99' WHERE \"Id\" = {target}", TestContext.Current.CancellationToken);
        var result = await Database.Get<IAuditTrail>().VerifyChainAsync(TestContext.Current.CancellationToken);

        Assert.False(result.IsIntact);
        Assert.Equal(target, result.FirstBrokenEntryId);
        Assert.Equal(target - 1, result.EntriesChecked);
    }

    [Fact]
    public async Task Tampered_entry_with_recomputed_hash_breaks_the_next_link()
    {
        await EnrolSeveralAsync(2);
        var target = await MiddleEntryIdAsync();

        // A forger who also recomputes the altered row's hash still breaks the following row's link.
        var db = Database.NewContext();
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == target, TestContext.Current.CancellationToken);
        entry.NewValue = "99";
        var forgedHash = AuditHasher.ComputeHash(entry);
        await db.Database.ExecuteSqlAsync(
            $"UPDATE \"AuditEntries\" SET \"NewValue\" = '99', \"Hash\" = {forgedHash} WHERE \"Id\" = {target}", TestContext.Current.CancellationToken);
        var result = await Database.Get<IAuditTrail>().VerifyChainAsync(TestContext.Current.CancellationToken);

        Assert.False(result.IsIntact);
        Assert.Equal(target + 1, result.FirstBrokenEntryId);
    }

    [Fact]
    public async Task Deleted_middle_entry_is_reported_as_missing()
    {
        await EnrolSeveralAsync(2);
        var target = await MiddleEntryIdAsync();

        await Database.NewContext().Database.ExecuteSqlAsync(
            $"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {target}", TestContext.Current.CancellationToken);
        var result = await Database.Get<IAuditTrail>().VerifyChainAsync(TestContext.Current.CancellationToken);

        Assert.False(result.IsIntact);
        Assert.Equal(target, result.FirstBrokenEntryId);
        Assert.Contains(target.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleted_last_entry_is_detected_through_the_chain_head()
    {
        await EnrolSeveralAsync(1);
        var db = Database.NewContext();
        var last = await db.AuditEntries.MaxAsync(a => a.Id, TestContext.Current.CancellationToken);

        await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {last}", TestContext.Current.CancellationToken);
        var result = await Database.Get<IAuditTrail>().VerifyChainAsync(TestContext.Current.CancellationToken);

        Assert.False(result.IsIntact);
        Assert.Equal(last, result.FirstBrokenEntryId);
    }

    [Fact]
    public async Task Modifying_an_audit_row_through_the_context_is_rejected()
    {
        await EnrolSeveralAsync(1);
        var db = Database.NewContext();
        var entry = await db.AuditEntries.FirstAsync(TestContext.Current.CancellationToken);

        entry.Reason = "rewritten";
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));

        Assert.Contains("append-only", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_an_audit_row_through_the_context_is_rejected()
    {
        await EnrolSeveralAsync(1);
        var db = Database.NewContext();
        var entry = await db.AuditEntries.FirstAsync(TestContext.Current.CancellationToken);

        db.AuditEntries.Remove(entry);

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Study_change_without_audit_context_is_rejected()
    {
        var db = Database.NewContext();
        var site = await db.Sites.FirstAsync(TestContext.Current.CancellationToken);

        site.NameEn = "Changed behind the service's back";

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Sign_in_success_and_failure_are_recorded()
    {
        var audit = Database.Get<IAuditTrail>();
        var administrator = await Database.CreateCallerAsync(StudyRoles.Administrator);

        await audit.RecordSignInAsync(administrator.UserId, administrator.UserName, succeeded: true, TestContext.Current.CancellationToken);
        await audit.RecordSignInAsync(null, "unknown-user", succeeded: false, TestContext.Current.CancellationToken);
        await audit.RecordAccountEventAsync(administrator.UserId, administrator.UserName, AuditAction.LockedOut, cancellationToken: TestContext.Current.CancellationToken);

        var entries = await audit.ListAsync(administrator, new AuditQuery(EntityType: AuditEntityTypes.Account), TestContext.Current.CancellationToken);
        Assert.Contains(entries, e => e.Action == AuditAction.SignIn && e.UserId == administrator.UserId);
        Assert.Contains(entries, e => e.Action == AuditAction.SignInFailed && e.UserName == "unknown-user" && e.UserId == null);
        Assert.Contains(entries, e => e.Action == AuditAction.LockedOut);
    }

    [Fact]
    public async Task Export_is_recorded()
    {
        var monitor = await Database.CreateCallerAsync(StudyRoles.Monitor);
        var audit = Database.Get<IAuditTrail>();

        await audit.RecordExportAsync(monitor, "ParticipantsCsv", siteId: null, reason: "Monthly monitoring report", TestContext.Current.CancellationToken);

        var entries = await audit.ListAsync(monitor, new AuditQuery(Action: AuditAction.Export), TestContext.Current.CancellationToken);
        Assert.Equal("ParticipantsCsv", Assert.Single(entries).EntityId);
    }

    [Fact]
    public async Task Concurrent_writers_keep_one_unbroken_chain()
    {
        var administrator = await Database.CreateCallerAsync(StudyRoles.Administrator);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() =>
            Database.Get<IAuditTrail>().RecordSignInAsync(administrator.UserId, administrator.UserName, i % 2 == 0, TestContext.Current.CancellationToken))));
        var result = await Database.Get<IAuditTrail>().VerifyChainAsync(TestContext.Current.CancellationToken);

        Assert.True(result.IsIntact, result.Problem);
    }

    private async Task EnrolSeveralAsync(int count)
    {
        var coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "CMC");
        for (var i = 0; i < count; i++)
        {
            var created = await Database.Get<IParticipantService>().CreateAsync(coordinator, coordinator.SiteId!.Value, ParticipantInputs.Eligible(), TestContext.Current.CancellationToken);
            await Database.Get<IParticipantService>().UpdateAsync(coordinator, created.Value!.Id, ParticipantInputs.Eligible() with { Age = 40 + i }, created.Value.Version, null, TestContext.Current.CancellationToken);
        }
    }

    private async Task<long> MiddleEntryIdAsync()
    {
        var last = await Database.NewContext().AuditEntries.MaxAsync(a => a.Id, TestContext.Current.CancellationToken);
        return last / 2;
    }
}
