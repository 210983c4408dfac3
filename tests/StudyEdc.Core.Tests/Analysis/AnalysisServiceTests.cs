using Microsoft.EntityFrameworkCore;
using StudyEdc.Core.Analysis;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Tests.Forms;
using StudyEdc.Reports;
using StudyEdc.Reports.Model;

namespace StudyEdc.Core.Tests.Analysis;

/// <summary>The analysis plan's lock, snapshots, the live-accuracy setting and who may see reports.</summary>
public sealed class AnalysisServiceTests : CasebookTestBase
{
    private static readonly AnalysisPlanInput PlanInput = new(0.5, "phantom-lesion-detector", "1.0.0", new string('b', 64), AnalysisPopulation.PerProtocol, AnalysisLevel.Lesion);

    private static readonly AccuracyReportRequest LiveRequest = new(null, AnalysisPopulation.Eligible, AnalysisLevel.Lesion, null, ReportLanguage.En);

    private IAnalysisService Analysis => Get<IAnalysisService>();

    [Fact]
    public async Task Snapshot_before_the_lock_is_refused()
    {
        var pi = await PrincipalInvestigatorWithPasswordAsync();
        await SavePlanAsync(pi);

        var result = await Analysis.CreateSnapshotAsync(pi, Cancel);

        Assert.Equal(ServiceFailure.Invalid, result.Failure);
        Assert.Equal("PlanNotLocked", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Live_report_before_the_lock_is_refused()
    {
        var pi = await PrincipalInvestigatorWithPasswordAsync();
        await SavePlanAsync(pi);
        await AllowLiveAccuracyAsync();

        var result = await Analysis.BuildReportAsync(pi, LiveRequest, Cancel);

        Assert.Equal("PlanNotLocked", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Dsmc_member_cannot_lock_the_plan()
    {
        var pi = await PrincipalInvestigatorWithPasswordAsync();
        var plan = await SavePlanAsync(pi);
        var dsmc = await CallerAsync(StudyRoles.DsmcMember);

        var result = await Analysis.LockAsync(dsmc, PiPassword, plan.Version, Cancel);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
        Assert.Equal(AnalysisPlanStatus.Draft, (await Analysis.GetPlanAsync(pi, Cancel)).Value!.Status);
    }

    [Fact]
    public async Task Lock_with_a_wrong_password_is_rejected()
    {
        var pi = await PrincipalInvestigatorWithPasswordAsync();
        var plan = await SavePlanAsync(pi);

        var result = await Analysis.LockAsync(pi, PiPassword + "x", plan.Version, Cancel);

        Assert.Equal(("Password", "LockPasswordWrong"), (Assert.Single(result.Errors).Field, result.Errors[0].Code));
    }

    [Fact]
    public async Task Lock_stores_the_meaning_the_signer_saw()
    {
        var pi = await PrincipalInvestigatorWithPasswordAsync();
        var plan = await SavePlanAsync(pi);
        using var culture = new Infrastructure.UiCulture("en");
        var shown = await Analysis.GetLockMeaningAsync(pi, Cancel);

        var locked = await Analysis.LockAsync(pi, PiPassword, plan.Version, Cancel);

        Assert.Equal(AnalysisPlanStatus.Locked, locked.Value!.Status);
        Assert.Equal(shown, locked.Value.LockMeaning);
        Assert.StartsWith("I, Li Wei, lock the analysis plan: decision threshold 0.5", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Locked_plan_cannot_change()
    {
        var pi = await PrincipalInvestigatorWithPasswordAsync();
        var locked = await LockedPlanAsync(pi);

        var result = await Analysis.UpdatePlanAsync(pi, PlanInput with { DecisionThreshold = 0.4 }, locked.Version, Cancel);

        Assert.Equal(ServiceFailure.Locked, result.Failure);
    }

    [Fact]
    public async Task Unlock_needs_a_reason()
    {
        var pi = await PrincipalInvestigatorWithPasswordAsync();
        var locked = await LockedPlanAsync(pi);

        var result = await Analysis.UnlockAsync(pi, PiPassword, " ", locked.Version, Cancel);

        Assert.Equal("ReasonRequired", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Unlock_is_audited_with_its_reason()
    {
        var pi = await PrincipalInvestigatorWithPasswordAsync();
        var locked = await LockedPlanAsync(pi);

        var result = await Analysis.UnlockAsync(pi, PiPassword, "SAP amendment 2: threshold from the pilot", locked.Version, Cancel);
        var entry = await Database.NewContext().AuditEntries.Where(a => a.EntityType == AnalysisAuditEntityTypes.Plan && a.Field == "Status")
            .OrderBy(a => a.Id).LastAsync(Cancel);

        Assert.Equal(AnalysisPlanStatus.Draft, result.Value!.Status);
        Assert.Equal(("Locked", "Draft", "SAP amendment 2: threshold from the pilot"), (entry.OldValue, entry.NewValue, entry.Reason));
    }

    [Fact]
    public async Task Plan_changes_are_audited_per_field()
    {
        var pi = await PrincipalInvestigatorWithPasswordAsync();
        var plan = await SavePlanAsync(pi);

        await Analysis.UpdatePlanAsync(pi, PlanInput with { DecisionThreshold = 0.35 }, plan.Version, Cancel);
        var entry = await Database.NewContext().AuditEntries.Where(a => a.EntityType == AnalysisAuditEntityTypes.Plan && a.Field == "DecisionThreshold")
            .OrderBy(a => a.Id).LastAsync(Cancel);

        Assert.Equal(("0.5", "0.35"), (entry.OldValue, entry.NewValue));
    }

    [Fact]
    public async Task Invalid_plan_values_are_named()
    {
        var pi = await PrincipalInvestigatorWithPasswordAsync();

        var result = await Analysis.UpdatePlanAsync(pi, PlanInput with { DecisionThreshold = 1.5, ModelSha256 = "abc" }, Guid.Empty, Cancel);

        Assert.Equal(["DecisionThreshold", "ModelSha256"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public async Task Snapshots_are_numbered_in_order()
    {
        var pi = await PrincipalInvestigatorWithPasswordAsync();
        await LockedPlanAsync(pi);
        var admin = await CallerAsync(StudyRoles.Administrator);

        var first = await Analysis.CreateSnapshotAsync(pi, Cancel);
        var second = await Analysis.CreateSnapshotAsync(admin, Cancel);

        Assert.Equal((1, 2), (first.Value!.Number, second.Value!.Number));
    }

    [Fact]
    public async Task Coordinator_cannot_create_a_snapshot()
    {
        var pi = await PrincipalInvestigatorWithPasswordAsync();
        await LockedPlanAsync(pi);
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");

        var result = await Analysis.CreateSnapshotAsync(coordinator, Cancel);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
    }

    [Fact]
    public async Task Snapshot_freezes_the_rows_of_its_time()
    {
        var (coordinator, pi) = await StudyWithOneLesionAsync();
        var snapshot = (await Analysis.CreateSnapshotAsync(pi, Cancel)).Value!;

        var participant = await EnrolAsync(coordinator);
        await CreateLesionAsync(coordinator, participant.Id, BenignConsensusLesion());
        var frozen = (await Analysis.GetSnapshotDatasetAsync(pi, snapshot.Number, Cancel)).Value!;

        Assert.Equal(1, snapshot.LesionRowCount);
        Assert.Equal("WCH-0001", Assert.Single(frozen.Lesions).StudyId);
    }

    [Fact]
    public async Task Same_snapshot_gives_the_same_figures()
    {
        var (_, pi) = await StudyWithOneLesionAsync();
        var number = (await Analysis.CreateSnapshotAsync(pi, Cancel)).Value!.Number;
        var request = new AccuracyReportRequest(number, AnalysisPopulation.AllEnrolled, AnalysisLevel.Lesion, null, ReportLanguage.En);

        var first = (await Analysis.BuildReportAsync(pi, request, Cancel)).Value!;
        var second = (await Analysis.BuildReportAsync(pi, request, Cancel)).Value!;

        Assert.Equal(first.Snapshot, second.Snapshot);
        Assert.Equal(first.Flow.Assessed, second.Flow.Assessed);
        Assert.Equal(first.Flow.IndexTestNotDone, second.Flow.IndexTestNotDone);
        Assert.Equal(first.Pooled.Accuracy.Counts, second.Pooled.Accuracy.Counts);
    }

    [Fact]
    public async Task Snapshot_hash_is_the_hash_of_its_content()
    {
        var (_, pi) = await StudyWithOneLesionAsync();

        var snapshot = (await Analysis.CreateSnapshotAsync(pi, Cancel)).Value!;
        var stored = await Database.NewContext().AnalysisSnapshots.SingleAsync(s => s.Number == snapshot.Number, Cancel);

        Assert.Equal(AnalysisDatasetJson.Sha256(stored.Content), snapshot.Sha256);
    }

    [Fact]
    public async Task Altered_snapshot_is_detected()
    {
        var (_, pi) = await StudyWithOneLesionAsync();
        var number = (await Analysis.CreateSnapshotAsync(pi, Cancel)).Value!.Number;
        await Database.NewContext().AnalysisSnapshots.Where(s => s.Number == number)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Content, s => s.Content.Replace("Malignant", "Benign")), Cancel);

        var result = await Analysis.GetSnapshotDatasetAsync(pi, number, Cancel);

        Assert.Equal("SnapshotCorrupt", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Snapshot_creation_is_audited()
    {
        var (_, pi) = await StudyWithOneLesionAsync();

        var snapshot = (await Analysis.CreateSnapshotAsync(pi, Cancel)).Value!;
        var entry = await Database.NewContext().AuditEntries.SingleAsync(a => a.EntityType == AnalysisAuditEntityTypes.Snapshot, Cancel);

        Assert.Equal(("1", snapshot.Sha256, pi.UserName), (entry.EntityId, entry.NewValue, entry.UserName));
    }

    [Fact]
    public async Task Principal_investigator_sees_snapshots_only_by_default()
    {
        var pi = await PrincipalInvestigatorWithPasswordAsync();
        await LockedPlanAsync(pi);

        var result = await Analysis.BuildReportAsync(pi, LiveRequest, Cancel);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
        Assert.Equal("LiveNotAllowed", result.Errors[0].Code);
    }

    [Fact]
    public async Task Setting_lets_the_principal_investigator_see_live_accuracy()
    {
        var (_, pi) = await StudyWithOneLesionAsync();
        await AllowLiveAccuracyAsync();

        var result = await Analysis.BuildReportAsync(pi, LiveRequest, Cancel);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(0, result.Value!.Snapshot.Number);
    }

    [Fact]
    public async Task Dsmc_member_never_sees_live_accuracy()
    {
        var pi = await PrincipalInvestigatorWithPasswordAsync();
        await LockedPlanAsync(pi);
        await AllowLiveAccuracyAsync();
        var dsmc = await CallerAsync(StudyRoles.DsmcMember);

        var result = await Analysis.BuildReportAsync(dsmc, LiveRequest, Cancel);

        Assert.Equal("LiveNotAllowed", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Dsmc_member_reads_a_snapshot_report()
    {
        var (_, pi) = await StudyWithOneLesionAsync();
        var number = (await Analysis.CreateSnapshotAsync(pi, Cancel)).Value!.Number;
        var dsmc = await CallerAsync(StudyRoles.DsmcMember);

        var result = await Analysis.BuildReportAsync(dsmc, LiveRequest with { SnapshotNumber = number }, Cancel);

        Assert.True(result.Succeeded);
        Assert.Equal(1, result.Value!.Flow.Assessed);
    }

    [Fact]
    public async Task Coordinator_cannot_see_reports()
    {
        var (coordinator, pi) = await StudyWithOneLesionAsync();
        var number = (await Analysis.CreateSnapshotAsync(pi, Cancel)).Value!.Number;

        var result = await Analysis.BuildReportAsync(coordinator, LiveRequest with { SnapshotNumber = number }, Cancel);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
    }

    [Fact]
    public async Task Settings_change_needs_an_administrator()
    {
        var pi = await PrincipalInvestigatorWithPasswordAsync();

        var result = await Analysis.UpdateSettingsAsync(pi, true, "unblinding for interim", Guid.Empty, Cancel);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
        Assert.False((await Analysis.GetSettingsAsync(Cancel)).LiveAccuracyVisibleToPrincipalInvestigator);
    }

    [Fact]
    public async Task Settings_change_is_audited_with_its_reason()
    {
        await AllowLiveAccuracyAsync();

        var entry = await Database.NewContext().AuditEntries.SingleAsync(a => a.EntityType == AnalysisAuditEntityTypes.Settings, Cancel);

        Assert.Equal(("false", "true", "DSMC recommendation"), (entry.OldValue, entry.NewValue, entry.Reason));
    }

    private async Task<AnalysisPlanView> SavePlanAsync(StudyCaller pi)
    {
        var current = (await Analysis.GetPlanAsync(pi, Cancel)).Value!;
        var saved = await Analysis.UpdatePlanAsync(pi, PlanInput, current.Version, Cancel);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
        return saved.Value!;
    }

    private async Task<AnalysisPlanView> LockedPlanAsync(StudyCaller pi)
    {
        var plan = await SavePlanAsync(pi);
        var locked = await Analysis.LockAsync(pi, PiPassword, plan.Version, Cancel);
        Assert.True(locked.Succeeded, string.Join("; ", locked.Errors.Select(e => e.Message)));
        return locked.Value!;
    }

    private async Task AllowLiveAccuracyAsync()
    {
        var admin = await CallerAsync(StudyRoles.Administrator);
        var settings = await Analysis.GetSettingsAsync(Cancel);
        var result = await Analysis.UpdateSettingsAsync(admin, true, "DSMC recommendation", settings.Version, Cancel);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    /// <summary>One WCH participant with a malignant lesion (no inference yet) and a locked plan.</summary>
    private async Task<(StudyCaller Coordinator, StudyCaller PrincipalInvestigator)> StudyWithOneLesionAsync()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        await CreateLesionAsync(coordinator, participant.Id, MalignantLesion());
        var pi = await PrincipalInvestigatorWithPasswordAsync();
        await LockedPlanAsync(pi);
        return (coordinator, pi);
    }
}
