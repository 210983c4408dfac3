using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Queries;
using StudyEdc.Core.Tests.Forms;

namespace StudyEdc.Core.Tests.Queries;

/// <summary>The query life cycle: a monitor opens, the site responds, the monitor closes or reopens.</summary>
public sealed class QueryServiceTests : CasebookTestBase
{
    [Fact]
    public async Task Monitor_opens_coordinator_responds_monitor_closes()
    {
        var (coordinator, monitor, participant) = await ArrangeAsync();
        var service = Get<IQueryService>();

        var opened = await service.OpenAsync(monitor, new NewQuery(CrfForms.ParticipantKey, participant.Id, nameof(Participant.Age), "Age differs from the ID card copy."), Cancel);
        var answered = await service.RespondAsync(coordinator, opened.Value!.Query.Id, "Corrected to 57.", correctionMade: true, opened.Value.Version, Cancel);
        var closed = await service.CloseAsync(monitor, opened.Value.Query.Id, null, answered.Value!.Version, Cancel);

        Assert.Equal(QueryStatus.Answered, answered.Value.Query.Status);
        Assert.Equal(QueryStatus.Closed, closed.Value!.Query.Status);
        Assert.Equal([QueryAction.Opened, QueryAction.Responded, QueryAction.Closed], closed.Value.Messages.Select(m => m.Action));
        Assert.True(closed.Value.Messages[1].CorrectionMade);
    }

    [Fact]
    public async Task Monitor_reopens_an_answered_query()
    {
        var (coordinator, monitor, participant) = await ArrangeAsync();
        var service = Get<IQueryService>();
        var opened = (await service.OpenAsync(monitor, new NewQuery(CrfForms.ParticipantKey, participant.Id, nameof(Participant.Age), "Check age."), Cancel)).Value!;
        var answered = (await service.RespondAsync(coordinator, opened.Query.Id, "Age is right.", false, opened.Version, Cancel)).Value!;

        var reopened = await service.ReopenAsync(monitor, opened.Query.Id, "Source shows 57.", answered.Version, Cancel);

        Assert.Equal(QueryStatus.Open, reopened.Value!.Query.Status);
    }

    [Fact]
    public async Task Coordinator_cannot_open_a_query()
    {
        var (coordinator, _, participant) = await ArrangeAsync();

        var result = await Get<IQueryService>().OpenAsync(coordinator, new NewQuery(CrfForms.ParticipantKey, participant.Id, nameof(Participant.Age), "?"), Cancel);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
    }

    [Fact]
    public async Task Monitor_cannot_respond_to_a_query()
    {
        var (_, monitor, participant) = await ArrangeAsync();
        var opened = (await Get<IQueryService>().OpenAsync(monitor, new NewQuery(CrfForms.ParticipantKey, participant.Id, nameof(Participant.Sex), "Check."), Cancel)).Value!;

        var result = await Get<IQueryService>().RespondAsync(monitor, opened.Query.Id, "Self-answer", false, opened.Version, Cancel);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
    }

    [Fact]
    public async Task Closed_query_takes_no_response()
    {
        var (coordinator, monitor, participant) = await ArrangeAsync();
        var opened = (await Get<IQueryService>().OpenAsync(monitor, new NewQuery(CrfForms.ParticipantKey, participant.Id, nameof(Participant.Sex), "Check."), Cancel)).Value!;
        var closed = (await Get<IQueryService>().CloseAsync(monitor, opened.Query.Id, "Raised in error.", opened.Version, Cancel)).Value!;

        var result = await Get<IQueryService>().RespondAsync(coordinator, opened.Query.Id, "Late answer", false, closed.Version, Cancel);

        Assert.Equal("QueryStepInvalid", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Query_on_an_undeclared_field_is_rejected()
    {
        var (_, monitor, participant) = await ArrangeAsync();

        var result = await Get<IQueryService>().OpenAsync(monitor, new NewQuery(CrfForms.ParticipantKey, participant.Id, "Version", "?"), Cancel);

        Assert.Equal("QueryFieldUnknown", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Another_sites_coordinator_sees_no_query()
    {
        var (_, monitor, participant) = await ArrangeAsync();
        var outsider = await CallerAsync(StudyRoles.SiteCoordinator, "HPH");
        var opened = (await Get<IQueryService>().OpenAsync(monitor, new NewQuery(CrfForms.ParticipantKey, participant.Id, nameof(Participant.Age), "Check."), Cancel)).Value!;

        var list = await Get<IQueryService>().ListAsync(outsider, new QueryFilter(), Cancel);
        var get = await Get<IQueryService>().GetAsync(outsider, opened.Query.Id, Cancel);
        var respond = await Get<IQueryService>().RespondAsync(outsider, opened.Query.Id, "x", false, opened.Version, Cancel);

        Assert.Empty(list);
        Assert.Null(get);
        Assert.Equal(ServiceFailure.NotFound, respond.Failure);
    }

    [Fact]
    public async Task Open_queries_counted_per_field()
    {
        var (coordinator, monitor, participant) = await ArrangeAsync();
        var lesion = await CreateLesionAsync(coordinator, participant.Id, MalignantLesion());
        var service = Get<IQueryService>();
        await service.OpenAsync(monitor, new NewQuery(CrfForms.LesionKey, lesion.Id, "LongestDiameterMm", "Report says 35 mm."), Cancel);
        var second = (await service.OpenAsync(monitor, new NewQuery(CrfForms.ParticipantKey, participant.Id, nameof(Participant.Age), "Check."), Cancel)).Value!;
        await service.RespondAsync(coordinator, second.Query.Id, "Checked.", false, second.Version, Cancel);

        var counts = await service.CountOpenAsync(coordinator, Cancel);
        var fields = await service.ListQueriedFieldsAsync(coordinator, participant.Id, Cancel);

        Assert.Equal(
            [new OpenQueryCount(participant.SiteId, CrfForms.LesionKey, "LongestDiameterMm", 1, 0), new OpenQueryCount(participant.SiteId, CrfForms.ParticipantKey, nameof(Participant.Age), 0, 1)],
            counts);
        Assert.Equal(["Age", "LongestDiameterMm"], fields.Select(f => f.FieldName).Order());
    }

    [Fact]
    public async Task Query_steps_are_audited()
    {
        var (coordinator, monitor, participant) = await ArrangeAsync();
        var opened = (await Get<IQueryService>().OpenAsync(monitor, new NewQuery(CrfForms.ParticipantKey, participant.Id, nameof(Participant.Age), "Check."), Cancel)).Value!;
        var before = await AuditCountAsync(CasebookAuditEntityTypes.Query, opened.Query.Id);

        await Get<IQueryService>().RespondAsync(coordinator, opened.Query.Id, "Checked.", false, opened.Version, Cancel);
        var after = await AuditCountAsync(CasebookAuditEntityTypes.Query, opened.Query.Id);

        Assert.True(before > 0);
        Assert.Equal(1, after - before);
    }

    private async Task<(StudyCaller Coordinator, StudyCaller Monitor, ParticipantDetail Participant)> ArrangeAsync()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var monitor = await CallerAsync(StudyRoles.Monitor);
        return (coordinator, monitor, await EnrolAsync(coordinator));
    }
}
