using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Queries;
using StudyEdc.Core.ReferenceStandards;
using StudyEdc.Core.Tests.Forms;
using StudyEdc.Core.Tests.Infrastructure;

namespace StudyEdc.Core.Tests.ReferenceStandards;

/// <summary>The protocol's reference-standard rules, enforced by <see cref="ILesionService"/> on every save.</summary>
public sealed class ReferenceStandardRulesTests : CasebookTestBase
{
    [Fact]
    public async Task Malignant_lesion_with_pathology_is_saved()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);

        var result = await Get<ILesionService>().CreateAsync(coordinator, participant.Id, MalignantLesion(), Cancel);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    [Fact]
    public async Task Malignant_lesion_proven_by_follow_up_is_rejected()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var input = BenignFollowUpLesion() with { Nature = LesionNature.Malignant };

        var result = await Get<ILesionService>().CreateAsync(coordinator, participant.Id, input, Cancel);

        Assert.Contains(result.Errors, e => e.Code == "MalignantNeedsPathology");
    }

    [Fact]
    public async Task Benign_lesion_proven_by_pathology_is_rejected()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var input = MalignantLesion() with { Nature = LesionNature.Benign };

        var result = await Get<ILesionService>().CreateAsync(coordinator, participant.Id, input, Cancel);

        Assert.Contains(result.Errors, e => e.Code == "BenignNeedsConsensusOrFollowUp");
    }

    [Fact]
    public async Task Follow_up_over_seven_months_is_accepted()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);

        var result = await Get<ILesionService>().CreateAsync(coordinator, participant.Id, BenignFollowUpLesion(), Cancel);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    [Fact]
    public async Task Single_modality_follow_up_is_rejected()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var input = BenignFollowUpLesion() with { FollowUpModality2 = ImagingModality.Ct };

        var result = await Get<ILesionService>().CreateAsync(coordinator, participant.Id, input, Cancel);

        var error = Assert.Single(result.Errors);
        Assert.Equal("FollowUpSingleModality", error.Code);
        Assert.Equal(nameof(Lesion.FollowUpModality2), error.Field);
    }

    [Fact]
    public async Task Short_follow_up_is_rejected_with_reason()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var input = BenignFollowUpLesion() with { FollowUpDate2 = CtDate.AddMonths(6).AddDays(-1) };
        using var culture = new UiCulture("en");

        var result = await Get<ILesionService>().CreateAsync(coordinator, participant.Id, input, Cancel);

        var error = Assert.Single(result.Errors);
        Assert.Equal("FollowUpTooShort", error.Code);
        Assert.Equal(
            "The follow-up exams on 2024-03-18 and 2024-09-17 are 183 days apart, but the protocol needs at least 6 months (the later exam on or after 2024-09-18). A benign lesion with a shorter follow-up cannot use follow-up as its reference standard.",
            error.Message);
    }

    [Fact]
    public async Task Follow_up_of_exactly_six_months_is_accepted()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var input = BenignFollowUpLesion() with { FollowUpDate2 = CtDate.AddMonths(6) };

        var result = await Get<ILesionService>().CreateAsync(coordinator, participant.Id, input, Cancel);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    [Fact]
    public async Task Short_follow_up_message_in_chinese()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var input = BenignFollowUpLesion() with { FollowUpDate2 = CtDate.AddMonths(2) };
        using var culture = new UiCulture("zh-CN");

        var result = await Get<ILesionService>().CreateAsync(coordinator, participant.Id, input, Cancel);

        Assert.StartsWith("随访检查日期 2024-03-18 与 2024-05-18 仅间隔 61 天", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pathology_fields_on_a_follow_up_lesion_are_rejected()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var input = BenignFollowUpLesion() with { SpecimenMethod = SpecimenMethod.Biopsy };

        var result = await Get<ILesionService>().CreateAsync(coordinator, participant.Id, input, Cancel);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("FieldNotApplicable", nameof(Lesion.SpecimenMethod)), (error.Code, error.Field));
    }

    [Fact]
    public async Task Incomplete_pathology_is_accepted_in_a_draft()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var input = MalignantLesion() with { PathologyType = null, SpecimenDate = null };

        var result = await Get<ILesionService>().CreateAsync(coordinator, participant.Id, input, Cancel);

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Specimen_long_before_the_ct_opens_an_automatic_query()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var input = MalignantLesion() with { SpecimenDate = CtDate.AddDays(-31) };

        var lesion = await CreateLesionAsync(coordinator, participant.Id, input);
        var queries = await Get<IQueryService>().ListAsync(coordinator, new QueryFilter(ParticipantId: participant.Id), Cancel);

        var query = Assert.Single(queries);
        Assert.Equal(CrfForms.LesionKey, query.FormKey);
        Assert.Equal(lesion.Id, query.RecordId);
        Assert.Equal(nameof(Lesion.SpecimenDate), query.FieldName);
        Assert.True(query.IsAutomatic);
    }

    [Fact]
    public async Task Specimen_within_the_window_opens_no_query()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var input = MalignantLesion() with { SpecimenDate = CtDate.AddDays(-30) };

        await CreateLesionAsync(coordinator, participant.Id, input);
        var queries = await Get<IQueryService>().ListAsync(coordinator, new QueryFilter(ParticipantId: participant.Id), Cancel);

        Assert.Empty(queries);
    }

    [Fact]
    public async Task Saving_again_does_not_open_a_second_automatic_query()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var input = MalignantLesion() with { SpecimenDate = CtDate.AddDays(-90) };
        var lesion = await CreateLesionAsync(coordinator, participant.Id, input);

        await Get<ILesionService>().UpdateAsync(coordinator, lesion.Id, input with { LongestDiameterMm = 33m }, lesion.Version, null, Cancel);
        var queries = await Get<IQueryService>().ListAsync(coordinator, new QueryFilter(ParticipantId: participant.Id), Cancel);

        Assert.Single(queries);
    }

    [Fact]
    public async Task Specimen_date_in_the_future_is_rejected()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var input = MalignantLesion() with { SpecimenDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3) };

        var result = await Get<ILesionService>().CreateAsync(coordinator, participant.Id, input, Cancel);

        Assert.Equal("DateInFuture", Assert.Single(result.Errors).Code);
    }
}
