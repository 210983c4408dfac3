using StudyEdc.Core.Dashboards;
using StudyEdc.Core.Exclusions;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Tests.Forms;

namespace StudyEdc.Core.Tests.Exclusions;

public sealed class ExclusionServiceTests : CasebookTestBase
{
    [Fact]
    public async Task Excluded_participant_stays_enrolled_and_is_counted()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        await EnrolAsync(coordinator);

        var recorded = await Get<IExclusionService>().RecordAsync(coordinator, participant.Id, new ExclusionInput(ExclusionCriterion.PhaseMissing, null, CtDate.AddDays(2)), Cancel);
        var dashboard = (await Get<IDashboardService>().GetAsync(coordinator, Cancel))!;
        var stillThere = await Get<IParticipantService>().GetAsync(coordinator, participant.Id, Cancel);

        Assert.Equal(FormStatus.Complete, recorded.Value!.Status);
        Assert.NotNull(stillThere);
        Assert.Equal(2, dashboard.Sites.Single().Enrolled);
        Assert.Equal(1, dashboard.Sites.Single().Excluded);
        Assert.Equal([new ExclusionCount(ExclusionCriterion.PhaseMissing, 1)], dashboard.ExclusionsByReason);
    }

    [Fact]
    public async Task Exclusion_needs_criterion_and_past_date()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);

        var result = await Get<IExclusionService>().RecordAsync(coordinator, participant.Id, new ExclusionInput(null, null, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5)), Cancel);

        Assert.Equal([(nameof(Exclusion.Criterion), "FieldRequired"), (nameof(Exclusion.ExclusionDate), "DateInFuture")], result.Errors.Select(e => (e.Field, e.Code)).Order());
    }

    [Fact]
    public async Task Other_criterion_needs_details()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);

        var result = await Get<IExclusionService>().RecordAsync(coordinator, participant.Id, new ExclusionInput(ExclusionCriterion.Other, " ", CtDate), Cancel);

        Assert.Equal((nameof(Exclusion.Details), "FieldRequiredWhen"), (Assert.Single(result.Errors).Field, result.Errors[0].Code));
    }

    [Fact]
    public async Task Correction_of_an_exclusion_needs_a_reason()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var recorded = (await Get<IExclusionService>().RecordAsync(coordinator, participant.Id, new ExclusionInput(ExclusionCriterion.PhaseMissing, null, CtDate), Cancel)).Value!;

        var result = await Get<IExclusionService>().UpdateAsync(coordinator, recorded.Id, new ExclusionInput(ExclusionCriterion.PoorImageQuality, null, CtDate), recorded.Version, null, Cancel);

        Assert.Equal("ReasonRequired", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Another_sites_coordinator_cannot_exclude()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var outsider = await CallerAsync(StudyRoles.SiteCoordinator, "SYH");
        var participant = await EnrolAsync(coordinator);

        var result = await Get<IExclusionService>().RecordAsync(outsider, participant.Id, new ExclusionInput(ExclusionCriterion.PhaseMissing, null, CtDate), Cancel);

        Assert.Equal(ServiceFailure.NotFound, result.Failure);
    }
}
