using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Tests.Forms;
using StudyEdc.Core.Tests.Infrastructure;
using StudyEdc.Core.Verification;

namespace StudyEdc.Core.Tests.Lesions;

public sealed class LesionServiceTests : CasebookTestBase
{
    [Fact]
    public async Task Several_lesions_are_listed_by_number()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        await CreateLesionAsync(coordinator, participant.Id, BenignFollowUpLesion(2));
        await CreateLesionAsync(coordinator, participant.Id, MalignantLesion(1));

        var lesions = await Get<ILesionService>().ListAsync(coordinator, participant.Id, Cancel);

        Assert.Equal([1, 2], lesions.Select(l => l.Values.LesionNumber));
    }

    [Fact]
    public async Task Duplicate_lesion_number_is_rejected()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        await CreateLesionAsync(coordinator, participant.Id, MalignantLesion(1));

        var result = await Get<ILesionService>().CreateAsync(coordinator, participant.Id, BenignFollowUpLesion(1), Cancel);

        Assert.Equal("LesionNumberTaken", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Segment_diameter_and_location_ranges_are_checked()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var input = MalignantLesion() with { LongestDiameterMm = 0.5m, CouinaudSegment = (CouinaudSegment)9, SeriesInstanceUid = "1.2.abc" };

        var result = await Get<ILesionService>().CreateAsync(coordinator, participant.Id, input, Cancel);

        Assert.Equal(
            [(nameof(Lesion.CouinaudSegment), "ValueNotAllowed"), (nameof(Lesion.LongestDiameterMm), "OutOfRange"), (nameof(Lesion.SeriesInstanceUid), "PatternMismatch")],
            result.Errors.Select(e => (e.Field, e.Code)).Order());
    }

    [Fact]
    public async Task Diameter_range_message_names_unit()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        using var culture = new UiCulture("en");

        var result = await Get<ILesionService>().CreateAsync(coordinator, participant.Id, MalignantLesion() with { LongestDiameterMm = 350m }, Cancel);

        Assert.Equal("Longest diameter 350 mm is outside the allowed range 1–300 mm. Check the value and its unit.", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public async Task Partial_box_and_reversed_slices_are_rejected()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var input = MalignantLesion() with { FirstSlice = 60, LastSlice = 50, BoxHeight = null };

        var result = await Get<ILesionService>().CreateAsync(coordinator, participant.Id, input, Cancel);

        Assert.Equal(["BoxIncomplete", "SliceRangeReversed"], result.Errors.Select(e => e.Code).Order());
    }

    [Fact]
    public async Task Completing_a_consensus_lesion_needs_the_consensus()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var lesion = await CreateLesionAsync(coordinator, participant.Id, BenignConsensusLesion());

        var result = await Get<ICrfStatusService>().ChangeStatusAsync(coordinator, CrfForms.LesionKey, lesion.Id, FormStatus.Complete, lesion.Version, null, Cancel);

        Assert.Equal("ConsensusPending", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Completing_a_pathology_lesion_needs_every_pathology_field()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var lesion = await CreateLesionAsync(coordinator, participant.Id, MalignantLesion() with { SpecimenMethod = null });

        var result = await Get<ICrfStatusService>().ChangeStatusAsync(coordinator, CrfForms.LesionKey, lesion.Id, FormStatus.Complete, lesion.Version, null, Cancel);

        Assert.Equal((nameof(Lesion.SpecimenMethod), "FieldRequiredWhen"), (Assert.Single(result.Errors).Field, result.Errors[0].Code));
    }

    [Fact]
    public async Task Stale_lesion_update_returns_conflict()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var lesion = await CreateLesionAsync(coordinator, participant.Id, MalignantLesion());
        await Get<ILesionService>().UpdateAsync(coordinator, lesion.Id, MalignantLesion() with { LongestDiameterMm = 30m }, lesion.Version, null, Cancel);

        var stale = await Get<ILesionService>().UpdateAsync(coordinator, lesion.Id, MalignantLesion() with { LongestDiameterMm = 31m }, lesion.Version, null, Cancel);

        Assert.Equal(ServiceFailure.Conflict, stale.Failure);
    }

    [Fact]
    public async Task Change_of_a_complete_lesion_needs_a_reason()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var lesion = await CreateLesionAsync(coordinator, participant.Id, MalignantLesion());
        var completed = await Get<ICrfStatusService>().ChangeStatusAsync(coordinator, CrfForms.LesionKey, lesion.Id, FormStatus.Complete, lesion.Version, null, Cancel);

        var result = await Get<ILesionService>().UpdateAsync(coordinator, lesion.Id, MalignantLesion() with { LongestDiameterMm = 30m }, completed.Value!.Version, null, Cancel);

        Assert.Equal("ReasonRequired", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Lesion_change_is_audited_per_field()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var lesion = await CreateLesionAsync(coordinator, participant.Id, MalignantLesion());
        var before = await AuditCountAsync(CasebookAuditEntityTypes.Lesion, lesion.Id);

        await Get<ILesionService>().UpdateAsync(coordinator, lesion.Id, MalignantLesion() with { LongestDiameterMm = 30m, CouinaudSegment = CouinaudSegment.VI }, lesion.Version, "remeasured", Cancel);
        var after = await AuditCountAsync(CasebookAuditEntityTypes.Lesion, lesion.Id);
        var chain = await Get<Auditing.IAuditTrail>().VerifyChainAsync(Cancel);

        Assert.Equal(2, after - before);
        Assert.True(chain.IsIntact, chain.Problem);
    }

    [Fact]
    public async Task Another_sites_coordinator_cannot_list_or_create_lesions()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var outsider = await CallerAsync(StudyRoles.SiteCoordinator, "HPH");
        var participant = await EnrolAsync(coordinator);
        var lesion = await CreateLesionAsync(coordinator, participant.Id, MalignantLesion());

        var list = await Get<ILesionService>().ListAsync(outsider, participant.Id, Cancel);
        var get = await Get<ILesionService>().GetAsync(outsider, lesion.Id, Cancel);
        var create = await Get<ILesionService>().CreateAsync(outsider, participant.Id, MalignantLesion(2), Cancel);
        var update = await Get<ILesionService>().UpdateAsync(outsider, lesion.Id, MalignantLesion(), lesion.Version, "x", Cancel);

        Assert.Empty(list);
        Assert.Null(get);
        Assert.Equal(ServiceFailure.NotFound, create.Failure);
        Assert.Equal(ServiceFailure.NotFound, update.Failure);
    }

    [Fact]
    public async Task Radiologist_gets_no_lesion_crf()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var radiologist = await CallerAsync(StudyRoles.Radiologist, "WCH");
        var participant = await EnrolAsync(coordinator);
        var lesion = await CreateLesionAsync(coordinator, participant.Id, MalignantLesion());

        var get = await Get<ILesionService>().GetAsync(radiologist, lesion.Id, Cancel);

        Assert.Null(get);
    }
}
