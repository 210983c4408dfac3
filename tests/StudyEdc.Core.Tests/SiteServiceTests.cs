using StudyEdc.Core.Auditing;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Sites;
using StudyEdc.Core.Tests.Infrastructure;

namespace StudyEdc.Core.Tests;

public sealed class SiteServiceTests : SqliteTestBase
{
    [Fact]
    public async Task Administrator_update_is_saved_and_audited()
    {
        var administrator = await Database.CreateCallerAsync(StudyRoles.Administrator);
        var site = await Database.Get<ISiteService>().GetAsync(administrator, await Database.SiteIdAsync("SYH"), TestContext.Current.CancellationToken);

        var result = await Database.Get<ISiteService>().UpdateAsync(administrator, site!.Id,
            new SiteInput(site.NameZh, site.NameEn, site.TimeZoneId, 700), site.Version, "Steering committee reallocation", TestContext.Current.CancellationToken);

        Assert.Equal(700, result.Value!.EnrolmentTarget);
        var entries = await Database.Get<IAuditTrail>().ListAsync(administrator, new AuditQuery(EntityType: AuditEntityTypes.Site), TestContext.Current.CancellationToken);
        var entry = Assert.Single(entries, e => e.Action == AuditAction.Update && e.Field == nameof(Site.EnrolmentTarget));
        Assert.Equal("600", entry.OldValue);
        Assert.Equal("700", entry.NewValue);
        Assert.Equal("Steering committee reallocation", entry.Reason);
    }

    [Fact]
    public async Task Coordinator_cannot_update_a_site()
    {
        var coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var site = await Database.Get<ISiteService>().GetAsync(coordinator, coordinator.SiteId!.Value, TestContext.Current.CancellationToken);

        var result = await Database.Get<ISiteService>().UpdateAsync(coordinator, site!.Id,
            new SiteInput(site.NameZh, site.NameEn, site.TimeZoneId, 10), site.Version, "x", TestContext.Current.CancellationToken);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
    }

    [Fact]
    public async Task Unknown_time_zone_is_invalid()
    {
        var administrator = await Database.CreateCallerAsync(StudyRoles.Administrator);
        var site = await Database.Get<ISiteService>().GetAsync(administrator, await Database.SiteIdAsync("WUH"), TestContext.Current.CancellationToken);

        var result = await Database.Get<ISiteService>().UpdateAsync(administrator, site!.Id,
            new SiteInput(site.NameZh, site.NameEn, "Asia/Beijing", site.EnrolmentTarget), site.Version, "x", TestContext.Current.CancellationToken);

        Assert.Equal("TimeZoneUnknown", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Stale_site_update_returns_conflict()
    {
        var administrator = await Database.CreateCallerAsync(StudyRoles.Administrator);
        var site = await Database.Get<ISiteService>().GetAsync(administrator, await Database.SiteIdAsync("CMC"), TestContext.Current.CancellationToken);
        await Database.Get<ISiteService>().UpdateAsync(administrator, site!.Id, new SiteInput(site.NameZh, site.NameEn, site.TimeZoneId, 810), site.Version, "first", TestContext.Current.CancellationToken);

        var stale = await Database.Get<ISiteService>().UpdateAsync(administrator, site.Id, new SiteInput(site.NameZh, site.NameEn, site.TimeZoneId, 820), site.Version, "second", TestContext.Current.CancellationToken);

        Assert.Equal(ServiceFailure.Conflict, stale.Failure);
    }

    [Fact]
    public void Site_time_converts_utc_to_shanghai()
    {
        var utc = new DateTime(2025, 6, 30, 20, 30, 0, DateTimeKind.Utc);

        var local = SiteTime.ToSiteLocal(utc, "Asia/Shanghai");

        Assert.Equal(new DateTime(2025, 7, 1, 4, 30, 0), local);
    }
}
