using StudyEdc.Core.Analysis;
using StudyEdc.Core.InferenceJobs;
using StudyEdc.Reports.Model;

namespace StudyEdc.Demo;

/// <summary>
/// The demo's analysis plan: the PI fills it in for the model that produced the demo's detections, locks it with
/// the PI's password and freezes snapshot 1, so the report pages have figures to show from the first sign-in.
/// </summary>
internal static class DemoAnalysis
{
    /// <summary>An example decision threshold on the malignancy probability; the study's PI sets the real one.</summary>
    private const double DecisionThreshold = 0.5;

    /// <summary>Locks the plan, creates snapshot 1 and returns the snapshot's number.</summary>
    public static async Task<int> LockAndSnapshotAsync(DemoSession session, DemoStaff staff)
    {
        var model = await session.QueryAsync<InferenceModelCatalog, Inference.Runtime.ModelReference>(
            (catalog, token) => catalog.GetCurrentAsync(token)).ConfigureAwait(false);
        var draft = await session.RunAsync<IAnalysisService, AnalysisPlanView>("analysis plan",
            (analysis, token) => analysis.GetPlanAsync(staff.PrincipalInvestigator, token)).ConfigureAwait(false);
        var input = new AnalysisPlanInput(DecisionThreshold, model.Name, model.Version, model.Sha256,
            AnalysisPopulation.PerProtocol, AnalysisLevel.Lesion);
        var saved = await session.RunAsync<IAnalysisService, AnalysisPlanView>("analysis plan",
            (analysis, token) => analysis.UpdatePlanAsync(staff.PrincipalInvestigator, input, draft.Version, token)).ConfigureAwait(false);
        await session.RunAsync<IAnalysisService, AnalysisPlanView>("analysis plan lock",
            (analysis, token) => analysis.LockAsync(staff.PrincipalInvestigator, staff.PrincipalInvestigatorPassword, saved.Version, token)).ConfigureAwait(false);
        var snapshot = await session.RunAsync<IAnalysisService, AnalysisSnapshotView>("analysis snapshot",
            (analysis, token) => analysis.CreateSnapshotAsync(staff.PrincipalInvestigator, token)).ConfigureAwait(false);
        return snapshot.Number;
    }
}
