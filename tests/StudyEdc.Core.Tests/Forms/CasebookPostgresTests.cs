using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Core.Adjudication;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Queries;
using StudyEdc.Core.ReferenceStandards;
using StudyEdc.Core.Signatures;
using StudyEdc.Core.Tests.Infrastructure;
using StudyEdc.Core.Verification;
using StudyEdc.TestSupport;

namespace StudyEdc.Core.Tests.Forms;

/// <summary>
/// The main casebook flow on a real PostgreSQL server, in its own database: lesions and their reference standard,
/// three reads and the consensus, a query, SDV, the PI's signature and the lock, with the audit chain intact.
/// </summary>
public sealed class CasebookPostgresTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Casebook_flows_from_entry_to_signed_and_locked()
    {
        var server = ExternalResources.RequirePostgres();
        await using var database = await StudyTestDatabase.CreatePostgresAsync(server, $"studyedc_test_{Guid.NewGuid():N}");
        var coordinator = await database.CreateCallerAsync(StudyRoles.SiteCoordinator, "HPH");
        var monitor = await database.CreateCallerAsync(StudyRoles.Monitor);
        var readers = new[]
        {
            await database.CreateCallerAsync(StudyRoles.Radiologist, "HPH"),
            await database.CreateCallerAsync(StudyRoles.Radiologist, "HPH"),
            await database.CreateCallerAsync(StudyRoles.Radiologist, "HPH"),
        };
        var pi = await PrincipalInvestigatorAsync(database);
        var status = database.Get<ICrfStatusService>();

        // Entry: participant, clinical CRF, a malignant and a consensus lesion.
        var participants = database.Get<IParticipantService>();
        var participant = (await participants.CreateAsync(coordinator, coordinator.SiteId!.Value, ParticipantInputs.Eligible(), Cancel)).Value!;
        await participants.ChangeStatusAsync(coordinator, participant.Id, FormStatus.Complete, participant.Version, null, Cancel);
        await database.Get<IClinicalCrfService>().SaveAsync(coordinator, participant.Id, CasebookTestBase.ClinicalInput(), null, null, Cancel);
        await database.Get<ILesionService>().CreateAsync(coordinator, participant.Id, CasebookTestBase.MalignantLesion(1), Cancel);
        var consensusLesion = (await database.Get<ILesionService>().CreateAsync(coordinator, participant.Id, CasebookTestBase.BenignConsensusLesion(2), Cancel)).Value!;
        var shortFollowUp = await database.Get<ILesionService>().CreateAsync(coordinator, participant.Id,
            CasebookTestBase.BenignFollowUpLesion(3) with { FollowUpDate2 = CasebookTestBase.CtDate.AddMonths(3) }, Cancel);

        // Three blinded reads and the consensus.
        var adjudication = (await database.Get<IAdjudicationService>().AssignAsync(coordinator, consensusLesion.Id, readers.Select(r => r.UserId).ToList(), Cancel)).Value!;
        var closedBeforeReads = await database.Get<IAdjudicationService>().GetConsensusFormAsync(readers[0], adjudication.CaseId, Cancel);
        foreach (var reader in readers)
        {
            var read = (await database.Get<IAdjudicationService>().ListMyReadsAsync(reader, Cancel)).Single();
            await database.Get<IAdjudicationService>().OpenReadAsync(reader, read.ReadId, Cancel);
            await database.Get<IAdjudicationService>().SubmitReadAsync(reader, read.ReadId, new ReadInput(LesionNature.Benign, LiRadsCategory.Lr2, 4), Cancel);
        }

        var form = (await database.Get<IAdjudicationService>().GetConsensusFormAsync(readers[0], adjudication.CaseId, Cancel)).Value!;
        await database.Get<IAdjudicationService>().RecordConsensusAsync(readers[0], adjudication.CaseId, new ConsensusInput(LesionNature.Benign, LiRadsCategory.Lr2, null), form.Version, Cancel);

        // A query answered and closed, then every form completed and verified.
        var query = (await database.Get<IQueryService>().OpenAsync(monitor, new NewQuery(CrfForms.ClinicalKey,
            (await database.Get<IClinicalCrfService>().GetAsync(coordinator, participant.Id, Cancel))!.Id, nameof(ClinicalCrf.ContrastDoseMl), "Check dose."), Cancel)).Value!;
        var answered = (await database.Get<IQueryService>().RespondAsync(coordinator, query.Query.Id, "Dose is right.", false, query.Version, Cancel)).Value!;
        await database.Get<IQueryService>().CloseAsync(monitor, query.Query.Id, null, answered.Version, Cancel);
        foreach (var casebookForm in await status.ListFormsAsync(coordinator, participant.Id, Cancel))
        {
            var complete = casebookForm.Status == FormStatus.Draft
                ? (await status.ChangeStatusAsync(coordinator, casebookForm.FormKey, casebookForm.RecordId, FormStatus.Complete, casebookForm.Version, null, Cancel)).Value!
                : casebookForm;
            await status.ChangeStatusAsync(monitor, casebookForm.FormKey, casebookForm.RecordId, FormStatus.Verified, complete.Version, null, Cancel);
        }

        // Sign, lock, and try a late edit.
        var signed = await database.Get<ISignatureService>().SignAsync(pi, participant.Id, PiPassword, Cancel);
        var locked = await status.LockCasebookAsync(pi, participant.Id, "Database lock", Cancel);
        var lesion = (await database.Get<ILesionService>().GetAsync(coordinator, consensusLesion.Id, Cancel))!;
        var lateEdit = await database.Get<ILesionService>().UpdateAsync(coordinator, lesion.Id, lesion.Values with { LongestDiameterMm = 16m }, lesion.Version, "late", Cancel);
        var signature = (await database.Get<ISignatureService>().ListAsync(pi, participant.Id, Cancel)).Single();
        var chain = await database.Get<IAuditTrail>().VerifyChainAsync(Cancel);

        Assert.Equal("FollowUpTooShort", Assert.Single(shortFollowUp.Errors).Code);
        Assert.Equal("ConsensusNotOpen", Assert.Single(closedBeforeReads.Errors).Code);
        Assert.True(signed.Succeeded, string.Join("; ", signed.Errors.Select(e => e.Message)));
        Assert.True(locked.Succeeded, string.Join("; ", locked.Errors.Select(e => e.Message)));
        Assert.Equal(ServiceFailure.Locked, lateEdit.Failure);
        Assert.True(signature.IsValid);
        Assert.True(chain.IsIntact, chain.Problem);
    }

    private const string PiPassword = CasebookTestBase.PiPassword;

    private static async Task<StudyCaller> PrincipalInvestigatorAsync(StudyTestDatabase database)
    {
        using var scope = database.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StudyUser>>();
        var user = new StudyUser { UserName = "pi-" + Guid.NewGuid().ToString("N")[..8], DisplayName = "Zhang Min" };
        Assert.True((await users.CreateAsync(user, PiPassword)).Succeeded);
        await users.AddToRoleAsync(user, StudyRoles.PrincipalInvestigator);
        return new StudyCaller(user.Id, user.UserName, new HashSet<string>([StudyRoles.PrincipalInvestigator], StringComparer.Ordinal), null);
    }
}
