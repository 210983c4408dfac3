using StudyEdc.Core.Adjudication;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.ReferenceStandards;

namespace StudyEdc.Core.Tests.Forms;

public sealed class CasebookAuditServiceTests : CasebookTestBase
{
    [Fact]
    public async Task Casebook_trail_lists_every_form()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        await CreateLesionAsync(coordinator, participant.Id, MalignantLesion());

        var entries = await Get<ICasebookAuditService>().ListAsync(coordinator, participant.Id, Cancel);

        Assert.Contains(entries, e => e.EntityType == AuditEntityTypes.Participant);
        Assert.Contains(entries, e => e.EntityType == CasebookAuditEntityTypes.Lesion && e.Field == "LongestDiameterMm" && e.NewValue == "32.5");
    }

    [Fact]
    public async Task Coordinator_trail_leaves_out_reads()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var pi = await CallerAsync(StudyRoles.PrincipalInvestigator);
        var participant = await EnrolAsync(coordinator);
        var lesion = await CreateLesionAsync(coordinator, participant.Id, BenignConsensusLesion());
        var readers = await RadiologistsAsync("WCH");
        await Get<IAdjudicationService>().AssignAsync(coordinator, lesion.Id, readers.Select(r => r.UserId).ToList(), Cancel);
        var read = (await Get<IAdjudicationService>().ListMyReadsAsync(readers[0], Cancel)).Single();
        await Get<IAdjudicationService>().OpenReadAsync(readers[0], read.ReadId, Cancel);
        await Get<IAdjudicationService>().SubmitReadAsync(readers[0], read.ReadId, new ReadInput(LesionNature.Benign, LiRadsCategory.Lr2, 3), Cancel);

        var coordinatorView = await Get<ICasebookAuditService>().ListAsync(coordinator, participant.Id, Cancel);
        var piView = await Get<ICasebookAuditService>().ListAsync(pi, participant.Id, Cancel);

        Assert.DoesNotContain(coordinatorView, e => e.EntityType == CasebookAuditEntityTypes.AdjudicationRead);
        Assert.Contains(piView, e => e.EntityType == CasebookAuditEntityTypes.AdjudicationRead && e.Field == "Nature");
    }

    [Fact]
    public async Task Another_sites_coordinator_gets_an_empty_trail()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var outsider = await CallerAsync(StudyRoles.SiteCoordinator, "WUH");
        var participant = await EnrolAsync(coordinator);

        var entries = await Get<ICasebookAuditService>().ListAsync(outsider, participant.Id, Cancel);

        Assert.Empty(entries);
    }
}
