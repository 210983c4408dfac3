using Microsoft.EntityFrameworkCore;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Signatures;
using StudyEdc.Core.Tests.Forms;
using StudyEdc.Core.Tests.Infrastructure;
using StudyEdc.Core.Verification;

namespace StudyEdc.Core.Tests.Signatures;

/// <summary>The PI's e-signature of a casebook: re-authentication, the stored meaning, and voiding by later changes.</summary>
public sealed class SignatureServiceTests : CasebookTestBase
{
    [Fact]
    public async Task Signature_stores_the_shown_meaning()
    {
        var (_, participant) = await ReadyCasebookAsync();
        var pi = await PrincipalInvestigatorWithPasswordAsync();
        using var culture = new UiCulture("en");

        var shown = await Get<ISignatureService>().GetMeaningAsync(pi, participant.Id, Cancel);
        var signed = await Get<ISignatureService>().SignAsync(pi, participant.Id, PiPassword, Cancel);

        Assert.True(signed.Succeeded, string.Join("; ", signed.Errors.Select(e => e.Message)));
        Assert.Equal(shown, signed.Value!.Meaning);
        Assert.StartsWith("I, Li Wei, have reviewed the casebook of participant WCH-0001", signed.Value.Meaning, StringComparison.Ordinal);
        Assert.True(signed.Value.IsValid);
    }

    [Fact]
    public async Task Coordinator_cannot_sign()
    {
        var (coordinator, participant) = await ReadyCasebookAsync();

        var result = await Get<ISignatureService>().SignAsync(coordinator, participant.Id, "anything", Cancel);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
        Assert.Equal("SignatureRoleOnly", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Wrong_password_is_rejected()
    {
        var (_, participant) = await ReadyCasebookAsync();
        var pi = await PrincipalInvestigatorWithPasswordAsync();

        var result = await Get<ISignatureService>().SignAsync(pi, participant.Id, PiPassword + "x", Cancel);
        var signatures = await Get<ISignatureService>().ListAsync(pi, participant.Id, Cancel);

        Assert.Equal(("Password", "SignaturePasswordWrong"), (Assert.Single(result.Errors).Field, result.Errors[0].Code));
        Assert.Empty(signatures);
    }

    [Fact]
    public async Task Wrong_password_attempt_is_audited()
    {
        var (_, participant) = await ReadyCasebookAsync();
        var pi = await PrincipalInvestigatorWithPasswordAsync();

        await Get<ISignatureService>().SignAsync(pi, participant.Id, PiPassword + "x", Cancel);
        var entry = await SignatureFailureAsync(participant.Id);

        Assert.Equal(pi.UserName, entry.UserName);
        Assert.Equal("SignaturePasswordWrong", entry.NewValue);
        Assert.Equal(participant.SiteId, entry.SiteId);
        Assert.DoesNotContain(PiPassword, entry.NewValue + entry.OldValue + entry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coordinator_attempt_is_audited()
    {
        var (coordinator, participant) = await ReadyCasebookAsync();

        await Get<ISignatureService>().SignAsync(coordinator, participant.Id, "anything", Cancel);
        var entry = await SignatureFailureAsync(participant.Id);

        Assert.Equal(coordinator.UserName, entry.UserName);
        Assert.Equal("SignatureRoleOnly", entry.NewValue);
    }

    [Fact]
    public async Task Attempt_on_incomplete_casebook_is_audited()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var pi = await PrincipalInvestigatorWithPasswordAsync();

        await Get<ISignatureService>().SignAsync(pi, participant.Id, PiPassword, Cancel);
        var entry = await SignatureFailureAsync(participant.Id);

        Assert.Equal("SignatureFormsIncomplete", entry.NewValue);
    }

    [Fact]
    public async Task Rejected_attempt_keeps_the_audit_chain_valid()
    {
        var (coordinator, participant) = await ReadyCasebookAsync();
        await Get<ISignatureService>().SignAsync(coordinator, participant.Id, "anything", Cancel);

        var verification = await Get<IAuditTrail>().VerifyChainAsync(Cancel);

        Assert.True(verification.IsIntact, verification.Problem);
    }

    [Fact]
    public async Task Casebook_with_a_draft_form_cannot_be_signed()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        await CreateLesionAsync(coordinator, participant.Id, MalignantLesion());
        var pi = await PrincipalInvestigatorWithPasswordAsync();

        var result = await Get<ISignatureService>().SignAsync(pi, participant.Id, PiPassword, Cancel);

        Assert.Equal("SignatureFormsIncomplete", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Later_lesion_change_voids_the_signature_visibly()
    {
        var (coordinator, participant) = await ReadyCasebookAsync();
        var pi = await PrincipalInvestigatorWithPasswordAsync();
        await Get<ISignatureService>().SignAsync(pi, participant.Id, PiPassword, Cancel);
        var lesion = (await Get<ILesionService>().ListAsync(coordinator, participant.Id, Cancel)).Single();

        await Get<ILesionService>().UpdateAsync(coordinator, lesion.Id, lesion.Values with { LongestDiameterMm = 29m }, lesion.Version, "remeasured on PVP", Cancel);
        var signature = (await Get<ISignatureService>().ListAsync(pi, participant.Id, Cancel)).Single();

        Assert.False(signature.IsValid);
        Assert.Equal(CasebookAuditEntityTypes.Lesion, signature.VoidedBy!.EntityType);
        Assert.Equal(nameof(Lesion.LongestDiameterMm), signature.VoidedBy.Field);
        Assert.Equal(coordinator.UserName, signature.VoidedBy.UserName);
    }

    [Fact]
    public async Task Later_participant_form_change_voids_the_signature()
    {
        var (coordinator, participant) = await ReadyCasebookAsync();
        var pi = await PrincipalInvestigatorWithPasswordAsync();
        await Get<ISignatureService>().SignAsync(pi, participant.Id, PiPassword, Cancel);
        var current = (await Get<IParticipantService>().GetAsync(coordinator, participant.Id, Cancel))!;

        await Get<IParticipantService>().UpdateAsync(coordinator, participant.Id, current.Values with { Age = 57 }, current.Version, "typo", Cancel);
        var signature = (await Get<ISignatureService>().ListAsync(pi, participant.Id, Cancel)).Single();

        Assert.False(signature.IsValid);
    }

    [Fact]
    public async Task Source_verification_after_signing_keeps_the_signature()
    {
        var (_, participant) = await ReadyCasebookAsync();
        var pi = await PrincipalInvestigatorWithPasswordAsync();
        var monitor = await CallerAsync(StudyRoles.Monitor);
        await Get<ISignatureService>().SignAsync(pi, participant.Id, PiPassword, Cancel);
        var clinical = (await Get<ICrfStatusService>().ListFormsAsync(monitor, participant.Id, Cancel)).Single(f => f.FormKey == CrfForms.ClinicalKey);

        await Get<ICrfStatusService>().ChangeStatusAsync(monitor, CrfForms.ClinicalKey, clinical.RecordId, FormStatus.Verified, clinical.Version, null, Cancel);
        var signature = (await Get<ISignatureService>().ListAsync(pi, participant.Id, Cancel)).Single();

        Assert.True(signature.IsValid);
    }

    [Fact]
    public async Task Voided_casebook_can_be_signed_again()
    {
        var (coordinator, participant) = await ReadyCasebookAsync();
        var pi = await PrincipalInvestigatorWithPasswordAsync();
        await Get<ISignatureService>().SignAsync(pi, participant.Id, PiPassword, Cancel);
        var alreadySigned = await Get<ISignatureService>().SignAsync(pi, participant.Id, PiPassword, Cancel);
        var lesion = (await Get<ILesionService>().ListAsync(coordinator, participant.Id, Cancel)).Single();
        await Get<ILesionService>().UpdateAsync(coordinator, lesion.Id, lesion.Values with { LongestDiameterMm = 29m }, lesion.Version, "remeasured", Cancel);

        var again = await Get<ISignatureService>().SignAsync(pi, participant.Id, PiPassword, Cancel);
        var signatures = await Get<ISignatureService>().ListAsync(pi, participant.Id, Cancel);

        Assert.Equal("AlreadySigned", Assert.Single(alreadySigned.Errors).Code);
        Assert.True(again.Succeeded);
        Assert.Equal([false, true], signatures.Select(s => s.IsValid));
    }

    /// <summary>The one rejected-signature audit entry of the participant.</summary>
    private async Task<AuditEntry> SignatureFailureAsync(int participantId)
    {
        var id = participantId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entries = await Database.NewContext().AuditEntries
            .Where(a => a.Action == AuditAction.SignatureFailed && a.EntityType == AuditEntityTypes.Participant && a.EntityId == id)
            .ToListAsync(Cancel);
        return Assert.Single(entries);
    }

    /// <summary>A casebook with the participant, clinical and one lesion form complete and no open query.</summary>
    private async Task<(StudyCaller Coordinator, ParticipantDetail Participant)> ReadyCasebookAsync()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var clinical = (await Get<IClinicalCrfService>().SaveAsync(coordinator, participant.Id, ClinicalInput(), null, null, Cancel)).Value!;
        var lesion = await CreateLesionAsync(coordinator, participant.Id, MalignantLesion());
        var status = Get<ICrfStatusService>();
        await status.ChangeStatusAsync(coordinator, CrfForms.ClinicalKey, clinical.Id, FormStatus.Complete, clinical.Version, null, Cancel);
        await status.ChangeStatusAsync(coordinator, CrfForms.LesionKey, lesion.Id, FormStatus.Complete, lesion.Version, null, Cancel);
        return (coordinator, participant);
    }
}
