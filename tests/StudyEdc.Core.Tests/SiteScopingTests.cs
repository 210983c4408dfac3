using StudyEdc.Core.Auditing;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Imaging;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Tests.Infrastructure;

namespace StudyEdc.Core.Tests;

/// <summary>
/// A site-bound user (coordinator or radiologist of HPH) gets nothing of a WCH participant from any
/// participant or audit method: not found, empty, never the data.
/// </summary>
public sealed class SiteScopingTests : SqliteTestBase
{
    [Fact]
    public async Task List_excludes_other_sites_participants()
    {
        var (_, other) = await EnrolAtWchAsync();
        var outsider = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "HPH");

        var list = await Database.Get<IParticipantService>().ListAsync(outsider, new ParticipantQuery(), TestContext.Current.CancellationToken);

        Assert.DoesNotContain(list, p => p.Id == other.Id);
    }

    [Fact]
    public async Task List_filtered_to_another_site_is_empty()
    {
        var (_, other) = await EnrolAtWchAsync();
        var outsider = await Database.CreateCallerAsync(StudyRoles.Radiologist, "HPH");

        var list = await Database.Get<IParticipantService>().ListAsync(outsider, new ParticipantQuery(SiteId: other.SiteId), TestContext.Current.CancellationToken);

        Assert.Empty(list);
    }

    [Fact]
    public async Task List_shows_own_sites_participants()
    {
        var (coordinator, own) = await EnrolAtWchAsync();

        var list = await Database.Get<IParticipantService>().ListAsync(coordinator, new ParticipantQuery(), TestContext.Current.CancellationToken);

        Assert.Equal(own.Id, Assert.Single(list).Id);
    }

    [Fact]
    public async Task Get_of_another_sites_participant_returns_null()
    {
        var (_, other) = await EnrolAtWchAsync();
        var outsider = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "HPH");

        var detail = await Database.Get<IParticipantService>().GetAsync(outsider, other.Id, TestContext.Current.CancellationToken);

        Assert.Null(detail);
    }

    [Fact]
    public async Task Create_at_another_site_returns_not_found()
    {
        var outsider = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "HPH");
        var wch = await Database.SiteIdAsync("WCH");

        var result = await Database.Get<IParticipantService>().CreateAsync(outsider, wch, ParticipantInputs.Partial(), TestContext.Current.CancellationToken);

        Assert.Equal(ServiceFailure.NotFound, result.Failure);
    }

    [Fact]
    public async Task Update_of_another_sites_participant_returns_not_found_and_changes_nothing()
    {
        var (coordinator, other) = await EnrolAtWchAsync();
        var outsider = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "HPH");

        var result = await Database.Get<IParticipantService>().UpdateAsync(outsider, other.Id, ParticipantInputs.Partial() with { Age = 30 }, other.Version, "x", TestContext.Current.CancellationToken);

        Assert.Equal(ServiceFailure.NotFound, result.Failure);
        var stored = await Database.Get<IParticipantService>().GetAsync(coordinator, other.Id, TestContext.Current.CancellationToken);
        Assert.Equal(other.Values.Age, stored!.Values.Age);
    }

    [Fact]
    public async Task Status_change_of_another_sites_participant_returns_not_found()
    {
        var (_, other) = await EnrolAtWchAsync();
        var outsider = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "HPH");

        var result = await Database.Get<IParticipantService>().ChangeStatusAsync(outsider, other.Id, FormStatus.Complete, other.Version, null, TestContext.Current.CancellationToken);

        Assert.Equal(ServiceFailure.NotFound, result.Failure);
    }

    [Fact]
    public async Task Participant_audit_of_another_site_is_empty()
    {
        var (_, other) = await EnrolAtWchAsync();
        var outsider = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "HPH");

        var entries = await Database.Get<IAuditTrail>().ListForParticipantAsync(outsider, other.Id, TestContext.Current.CancellationToken);

        Assert.Empty(entries);
    }

    [Fact]
    public async Task Whole_audit_search_is_empty_for_a_coordinator()
    {
        await EnrolAtWchAsync();
        var outsider = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "HPH");

        var entries = await Database.Get<IAuditTrail>().ListAsync(outsider, new AuditQuery(), TestContext.Current.CancellationToken);

        Assert.Empty(entries);
    }

    [Fact]
    public async Task Site_bound_role_without_a_site_sees_nothing()
    {
        await EnrolAtWchAsync();
        var siteless = new StudyCaller("nobody", "nobody", new HashSet<string>([StudyRoles.SiteCoordinator], StringComparer.Ordinal), SiteId: null);

        var list = await Database.Get<IParticipantService>().ListAsync(siteless, new ParticipantQuery(), TestContext.Current.CancellationToken);

        Assert.Empty(list);
    }

    [Fact]
    public async Task Monitor_sees_every_site()
    {
        var (_, other) = await EnrolAtWchAsync();
        var monitor = await Database.CreateCallerAsync(StudyRoles.Monitor);

        var detail = await Database.Get<IParticipantService>().GetAsync(monitor, other.Id, TestContext.Current.CancellationToken);

        Assert.NotNull(detail);
    }

    [Fact]
    public async Task Radiologist_cannot_open_participant_form()
    {
        var (_, own) = await EnrolAtWchAsync();
        var radiologist = await Database.CreateCallerAsync(StudyRoles.Radiologist, "WCH");

        var detail = await Database.Get<IParticipantService>().GetAsync(radiologist, own.Id, TestContext.Current.CancellationToken);

        Assert.Null(detail);
    }

    [Fact]
    public async Task Radiologist_participant_list_is_empty()
    {
        await EnrolAtWchAsync();
        var radiologist = await Database.CreateCallerAsync(StudyRoles.Radiologist, "WCH");

        var list = await Database.Get<IParticipantService>().ListAsync(radiologist, new ParticipantQuery(), TestContext.Current.CancellationToken);

        Assert.Empty(list);
    }

    [Fact]
    public async Task Dsmc_cannot_open_participant_form()
    {
        var (_, own) = await EnrolAtWchAsync();
        var dsmc = await Database.CreateCallerAsync(StudyRoles.DsmcMember);

        var detail = await Database.Get<IParticipantService>().GetAsync(dsmc, own.Id, TestContext.Current.CancellationToken);

        Assert.Null(detail);
    }

    [Fact]
    public async Task Radiologist_finds_participant_for_images()
    {
        var (_, own) = await EnrolAtWchAsync();
        var radiologist = await Database.CreateCallerAsync(StudyRoles.Radiologist, "WCH");

        var participant = await Database.Get<IImagingService>().GetParticipantAsync(radiologist, own.Id, TestContext.Current.CancellationToken);

        Assert.Equal(own.StudyId, participant?.StudyId);
    }

    [Fact]
    public async Task Other_site_radiologist_finds_no_images()
    {
        var (_, other) = await EnrolAtWchAsync();
        var outsider = await Database.CreateCallerAsync(StudyRoles.Radiologist, "HPH");

        var list = await Database.Get<IImagingService>().ListParticipantsAsync(outsider, TestContext.Current.CancellationToken);

        Assert.DoesNotContain(list, p => p.Id == other.Id);
    }

    private async Task<(StudyCaller Coordinator, ParticipantDetail Participant)> EnrolAtWchAsync()
    {
        var coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var result = await Database.Get<IParticipantService>().CreateAsync(coordinator, coordinator.SiteId!.Value, ParticipantInputs.Partial(), TestContext.Current.CancellationToken);
        return (coordinator, result.Value!);
    }
}
