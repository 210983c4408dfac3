using StudyEdc.Core.Clinical;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Tests.Forms;
using StudyEdc.Core.Tests.Infrastructure;
using StudyEdc.Core.Verification;

namespace StudyEdc.Core.Tests.Clinical;

public sealed class ClinicalCrfServiceTests : CasebookTestBase
{
    [Fact]
    public async Task Afp_in_iu_is_converted()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);

        var result = await Get<IClinicalCrfService>().SaveAsync(coordinator, participant.Id,
            ClinicalInput() with { AfpValue = 100m, AfpUnit = AfpUnit.InternationalUnitsPerMillilitre }, null, null, Cancel);

        Assert.Equal(121m, result.Value!.AfpNgPerMl);
        Assert.Equal(100m, result.Value.Values.AfpValue);
        Assert.Equal(AfpUnit.InternationalUnitsPerMillilitre, result.Value.Values.AfpUnit);
    }

    [Fact]
    public async Task Afp_value_without_a_unit_is_rejected()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);

        var result = await Get<IClinicalCrfService>().SaveAsync(coordinator, participant.Id, ClinicalInput() with { AfpUnit = null }, null, null, Cancel);

        Assert.Equal((nameof(ClinicalCrf.AfpUnit), "FieldRequiredWhen"), (Assert.Single(result.Errors).Field, result.Errors[0].Code));
    }

    [Fact]
    public async Task Implausible_afp_names_the_converted_value()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        using var culture = new UiCulture("en");

        var result = await Get<IClinicalCrfService>().SaveAsync(coordinator, participant.Id,
            ClinicalInput() with { AfpValue = 900_000m, AfpUnit = AfpUnit.InternationalUnitsPerMillilitre }, null, null, Cancel);

        Assert.Equal("AFP 900000 IU/mL is 1089000 ng/mL, above the plausible maximum of 1000000 ng/mL. Check the value and its unit.", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public async Task Negative_afp_is_out_of_range()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);

        var result = await Get<IClinicalCrfService>().SaveAsync(coordinator, participant.Id, ClinicalInput() with { AfpValue = -1m }, null, null, Cancel);

        Assert.Equal((nameof(ClinicalCrf.AfpValue), "OutOfRange"), (Assert.Single(result.Errors).Field, result.Errors[0].Code));
    }

    [Fact]
    public async Task Inconsistent_phase_delays_are_rejected()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var input = ClinicalInput() with { DelayedPhaseAcquired = false, PortalVenousPhaseDelaySeconds = 40, ArterialPhaseDelaySeconds = 45 };

        var result = await Get<IClinicalCrfService>().SaveAsync(coordinator, participant.Id, input, null, null, Cancel);

        Assert.Equal(
            [(nameof(ClinicalCrf.DelayedPhaseDelaySeconds), "FieldNotApplicable"), (nameof(ClinicalCrf.PortalVenousPhaseDelaySeconds), "PhaseOrder")],
            result.Errors.Select(e => (e.Field, e.Code)).Order());
    }

    [Fact]
    public async Task Other_reason_for_ct_needs_its_text()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var created = (await Get<IClinicalCrfService>().SaveAsync(coordinator, participant.Id, ClinicalInput(), null, null, Cancel)).Value!;
        var status = Get<ICrfStatusService>();
        var complete = (await status.ChangeStatusAsync(coordinator, CrfForms.ClinicalKey, created.Id, FormStatus.Complete, created.Version, null, Cancel)).Value!;

        var result = await Get<IClinicalCrfService>().SaveAsync(coordinator, participant.Id, ClinicalInput() with { ReasonForCt = CtIndication.Other }, complete.Version, "source says other", Cancel);

        Assert.Equal((nameof(ClinicalCrf.ReasonForCtOther), "FieldRequiredWhen"), (Assert.Single(result.Errors).Field, result.Errors[0].Code));
    }

    [Fact]
    public async Task Second_create_is_a_conflict()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        await Get<IClinicalCrfService>().SaveAsync(coordinator, participant.Id, ClinicalInput(), null, null, Cancel);

        var second = await Get<IClinicalCrfService>().SaveAsync(coordinator, participant.Id, ClinicalInput(), null, null, Cancel);

        Assert.Equal(ServiceFailure.Conflict, second.Failure);
    }

    [Fact]
    public async Task Another_sites_coordinator_gets_nothing()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var outsider = await CallerAsync(StudyRoles.SiteCoordinator, "CMC");
        var participant = await EnrolAsync(coordinator);
        await Get<IClinicalCrfService>().SaveAsync(coordinator, participant.Id, ClinicalInput(), null, null, Cancel);

        var get = await Get<IClinicalCrfService>().GetAsync(outsider, participant.Id, Cancel);
        var save = await Get<IClinicalCrfService>().SaveAsync(outsider, participant.Id, ClinicalInput(), Guid.NewGuid(), "x", Cancel);

        Assert.Null(get);
        Assert.Equal(ServiceFailure.NotFound, save.Failure);
    }

    [Fact]
    public async Task Monitor_cannot_enter_clinical_data()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var monitor = await CallerAsync(StudyRoles.Monitor);
        var participant = await EnrolAsync(coordinator);

        var result = await Get<IClinicalCrfService>().SaveAsync(monitor, participant.Id, ClinicalInput(), null, null, Cancel);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
    }
}
