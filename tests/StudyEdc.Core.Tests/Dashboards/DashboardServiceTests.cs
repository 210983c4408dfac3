using StudyEdc.Core.Adjudication;
using StudyEdc.Core.Dashboards;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Queries;
using StudyEdc.Core.Tests.Forms;

namespace StudyEdc.Core.Tests.Dashboards;

public sealed class DashboardServiceTests : CasebookTestBase
{
    [Fact]
    public async Task Principal_investigator_sees_every_site_against_its_target()
    {
        var wch = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var hph = await CallerAsync(StudyRoles.SiteCoordinator, "HPH");
        var pi = await CallerAsync(StudyRoles.PrincipalInvestigator);
        await EnrolAsync(wch);
        await EnrolAsync(wch);
        await EnrolAsync(hph);

        var dashboard = (await Get<IDashboardService>().GetAsync(pi, Cancel))!;

        Assert.Equal(5, dashboard.Sites.Count);
        Assert.Equal(5000, dashboard.Sites.Sum(s => s.Target));
        Assert.Equal(2, dashboard.Sites.Single(s => s.Code == "WCH").Enrolled);
        Assert.Equal(1, dashboard.Sites.Single(s => s.Code == "HPH").Enrolled);
        Assert.Equal(3, dashboard.EnrolmentByMonth.Sum(m => m.Count));
        Assert.Equal([new FormStatusCount(CrfForms.ParticipantKey, FormStatus.Complete, 3)], dashboard.FormsByStatus);
    }

    [Fact]
    public async Task Coordinator_sees_only_the_own_site()
    {
        var wch = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var hph = await CallerAsync(StudyRoles.SiteCoordinator, "HPH");
        var monitor = await CallerAsync(StudyRoles.Monitor);
        await EnrolAsync(wch);
        var atHph = await EnrolAsync(hph);
        await Get<IQueryService>().OpenAsync(monitor, new NewQuery(CrfForms.ParticipantKey, atHph.Id, nameof(Participant.Age), "Check."), Cancel);

        var dashboard = (await Get<IDashboardService>().GetAsync(wch, Cancel))!;
        var workList = await Get<IDashboardService>().GetWorkListAsync(wch, Cancel);

        Assert.Equal("WCH", Assert.Single(dashboard.Sites).Code);
        Assert.Single(dashboard.EnrolmentByMonth);
        Assert.Empty(dashboard.OpenQueries);
        Assert.All(workList, item => Assert.Equal(wch.SiteId, item.SiteId));
    }

    [Fact]
    public async Task Radiologist_gets_no_dashboard()
    {
        var radiologist = await CallerAsync(StudyRoles.Radiologist, "WCH");

        var dashboard = await Get<IDashboardService>().GetAsync(radiologist, Cancel);

        Assert.Null(dashboard);
    }

    [Fact]
    public async Task Work_list_names_what_is_missing()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var monitor = await CallerAsync(StudyRoles.Monitor);
        var participant = await EnrolAsync(coordinator);
        var lesion = await CreateLesionAsync(coordinator, participant.Id, BenignConsensusLesion());
        await Get<IQueryService>().OpenAsync(monitor, new NewQuery(CrfForms.LesionKey, lesion.Id, "LongestDiameterMm", "Check."), Cancel);
        var readers = await RadiologistsAsync("WCH");
        var second = await CreateLesionAsync(coordinator, participant.Id, BenignConsensusLesion(2));
        await Get<IAdjudicationService>().AssignAsync(coordinator, second.Id, readers.Select(r => r.UserId).ToList(), Cancel);

        var workList = await Get<IDashboardService>().GetWorkListAsync(coordinator, Cancel);

        Assert.Equal(
            [
                WorkItemKind.ClinicalFormMissing, WorkItemKind.LesionFormDraft, WorkItemKind.ReadersNotAssigned,
                WorkItemKind.LesionFormDraft, WorkItemKind.ReadsOutstanding, WorkItemKind.QueryAwaitingResponse,
            ],
            workList.Select(w => w.Kind));
    }
}
