using StudyEdc.Core.Clinical;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Tests.Forms;
using StudyEdc.Core.Verification;

namespace StudyEdc.Core.Tests.Verification;

/// <summary>Completion, SDV by monitors, and locking and unlocking of forms and whole casebooks.</summary>
public sealed class CrfStatusServiceTests : CasebookTestBase
{
    [Fact]
    public async Task Monitor_marks_a_complete_form_source_verified()
    {
        var (coordinator, lesion) = await CompleteLesionAsync();
        var monitor = await CallerAsync(StudyRoles.Monitor);

        var result = await Get<ICrfStatusService>().ChangeStatusAsync(monitor, CrfForms.LesionKey, lesion.RecordId, FormStatus.Verified, lesion.Version, null, Cancel);

        Assert.Equal(FormStatus.Verified, result.Value!.Status);
    }

    [Fact]
    public async Task Coordinator_cannot_verify_a_form()
    {
        var (coordinator, lesion) = await CompleteLesionAsync();

        var result = await Get<ICrfStatusService>().ChangeStatusAsync(coordinator, CrfForms.LesionKey, lesion.RecordId, FormStatus.Verified, lesion.Version, null, Cancel);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
    }

    [Fact]
    public async Task Change_to_a_verified_form_withdraws_the_verification()
    {
        var (coordinator, lesion) = await CompleteLesionAsync();
        var monitor = await CallerAsync(StudyRoles.Monitor);
        var verified = (await Get<ICrfStatusService>().ChangeStatusAsync(monitor, CrfForms.LesionKey, lesion.RecordId, FormStatus.Verified, lesion.Version, null, Cancel)).Value!;

        var updated = await Get<ILesionService>().UpdateAsync(coordinator, lesion.RecordId, MalignantLesion() with { LongestDiameterMm = 31m }, verified.Version, "remeasured", Cancel);

        Assert.Equal(FormStatus.Complete, updated.Value!.Status);
    }

    [Fact]
    public async Task Casebook_lock_needs_every_form_verified()
    {
        var (coordinator, lesion) = await CompleteLesionAsync();
        var pi = await CallerAsync(StudyRoles.PrincipalInvestigator);
        var participantId = (await Get<ILesionService>().GetAsync(coordinator, lesion.RecordId, Cancel))!.ParticipantId;

        var result = await Get<ICrfStatusService>().LockCasebookAsync(pi, participantId, "Database lock for interim analysis", Cancel);

        Assert.Equal("CasebookFormsNotInStatus", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Locked_casebook_rejects_edits_of_every_form()
    {
        var (coordinator, participantId, lesionId) = await LockedCasebookAsync();
        var lesion = (await Get<ILesionService>().GetAsync(coordinator, lesionId, Cancel))!;
        var clinical = (await Get<IClinicalCrfService>().GetAsync(coordinator, participantId, Cancel))!;
        var participant = (await Get<IParticipantService>().GetAsync(coordinator, participantId, Cancel))!;

        var lesionEdit = await Get<ILesionService>().UpdateAsync(coordinator, lesionId, MalignantLesion() with { LongestDiameterMm = 30m }, lesion.Version, "late correction", Cancel);
        var clinicalEdit = await Get<IClinicalCrfService>().SaveAsync(coordinator, participantId, ClinicalInput() with { Cirrhosis = false }, clinical.Version, "late correction", Cancel);
        var participantEdit = await Get<IParticipantService>().UpdateAsync(coordinator, participantId, participant.Values with { Age = 60 }, participant.Version, "late correction", Cancel);
        var newLesion = await Get<ILesionService>().CreateAsync(coordinator, participantId, MalignantLesion(2), Cancel);

        Assert.Equal(FormStatus.Locked, lesion.Status);
        Assert.Equal(ServiceFailure.Locked, lesionEdit.Failure);
        Assert.Equal(ServiceFailure.Locked, clinicalEdit.Failure);
        Assert.Equal(ServiceFailure.Locked, participantEdit.Failure);
        Assert.Equal(ServiceFailure.Locked, newLesion.Failure);
    }

    [Fact]
    public async Task Administrator_unlocks_with_a_reason()
    {
        var (coordinator, participantId, lesionId) = await LockedCasebookAsync();
        var administrator = await CallerAsync(StudyRoles.Administrator);

        var withoutReason = await Get<ICrfStatusService>().UnlockCasebookAsync(administrator, participantId, " ", Cancel);
        var unlocked = await Get<ICrfStatusService>().UnlockCasebookAsync(administrator, participantId, "Query from DSMC on lesion 1", Cancel);

        Assert.Equal("ReasonRequired", Assert.Single(withoutReason.Errors).Code);
        Assert.All(unlocked.Value!, f => Assert.Equal(FormStatus.Verified, f.Status));
    }

    [Fact]
    public async Task Coordinator_cannot_lock_a_casebook()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);

        var result = await Get<ICrfStatusService>().LockCasebookAsync(coordinator, participant.Id, "lock", Cancel);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
    }

    [Fact]
    public async Task Lock_is_audited_with_reason()
    {
        var (_, participantId, lesionId) = await LockedCasebookAsync();
        var id = lesionId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var entry = Database.NewContext().AuditEntries
            .Where(a => a.EntityType == CasebookAuditEntityTypes.Lesion && a.EntityId == id && a.NewValue == "Locked")
            .Single();

        Assert.Equal(Auditing.AuditAction.StatusChange, entry.Action);
        Assert.Equal("Database lock", entry.Reason);
    }

    /// <summary>A participant with a complete participant form and one complete lesion.</summary>
    private async Task<(StudyCaller Coordinator, CasebookForm Lesion)> CompleteLesionAsync()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var lesion = await CreateLesionAsync(coordinator, participant.Id, MalignantLesion());
        var completed = await Get<ICrfStatusService>().ChangeStatusAsync(coordinator, CrfForms.LesionKey, lesion.Id, FormStatus.Complete, lesion.Version, null, Cancel);
        Assert.True(completed.Succeeded, string.Join("; ", completed.Errors.Select(e => e.Message)));
        return (coordinator, completed.Value!);
    }

    /// <summary>A casebook with every form complete, verified by a monitor and locked by the PI.</summary>
    private async Task<(StudyCaller Coordinator, int ParticipantId, int LesionId)> LockedCasebookAsync()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var monitor = await CallerAsync(StudyRoles.Monitor);
        var pi = await CallerAsync(StudyRoles.PrincipalInvestigator);
        var participant = await EnrolAsync(coordinator);
        await Get<IClinicalCrfService>().SaveAsync(coordinator, participant.Id, ClinicalInput(), null, null, Cancel);
        var lesion = await CreateLesionAsync(coordinator, participant.Id, MalignantLesion());
        var status = Get<ICrfStatusService>();
        foreach (var form in await status.ListFormsAsync(coordinator, participant.Id, Cancel))
        {
            var complete = form.Status == FormStatus.Draft
                ? (await status.ChangeStatusAsync(coordinator, form.FormKey, form.RecordId, FormStatus.Complete, form.Version, null, Cancel)).Value!
                : form;
            var verified = await status.ChangeStatusAsync(monitor, form.FormKey, form.RecordId, FormStatus.Verified, complete.Version, null, Cancel);
            Assert.True(verified.Succeeded, string.Join("; ", verified.Errors.Select(e => e.Message)));
        }

        var locked = await status.LockCasebookAsync(pi, participant.Id, "Database lock", Cancel);
        Assert.True(locked.Succeeded, string.Join("; ", locked.Errors.Select(e => e.Message)));
        return (coordinator, participant.Id, lesion.Id);
    }
}
