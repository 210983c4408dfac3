using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using StudyEdc.Core;
using StudyEdc.Core.Analysis;
using StudyEdc.Core.Identity;
using StudyEdc.Reports.Model;
using StudyEdc.Web.Identity;
using StudyEdc.Web.Resources;

namespace StudyEdc.Web.Components.Pages.Reports;

/// <summary>
/// The analysis plan page. The PI edits the draft plan, locks it by signature (password and meaning) and unlocks it
/// with a reason. The PI or an Administrator creates snapshots, and the Administrator sets whether the PI may view
/// live accuracy. DSMC members read everything. Core enforces each of these rules again.
/// </summary>
public partial class AnalysisPlanPage
{
    private AnalysisPlanView? _plan;
    private IReadOnlyList<AnalysisSnapshotView> _snapshots = [];
    private AnalysisSettingsView? _settings;
    private bool _isPrincipalInvestigator;
    private bool _isAdministrator;
    private bool _canCreateSnapshot;
    private string? _lockMeaning;
    private double _threshold;
    private string _modelName = "";
    private string _modelVersion = "";
    private string _modelSha256 = "";
    private AnalysisPopulation _population;
    private AnalysisLevel _level;
    private string _password = "";
    private string _reason = "";
    private bool _liveVisible;
    private string _settingsReason = "";
    private bool _busy;
    private string? _message;
    private IReadOnlyList<ValidationError> _errors = [];

    [Inject]
    private StudyOperations Operations { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ReportResource> Text { get; set; } = default!;

    private bool CanEdit => _isPrincipalInvestigator && _plan?.Status == AnalysisPlanStatus.Draft;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        await Operations.RunAsync<IAnalysisService, bool>(async (analysis, caller) =>
        {
            _isPrincipalInvestigator = caller.IsInRole(StudyRoles.PrincipalInvestigator);
            _isAdministrator = caller.IsInRole(StudyRoles.Administrator);
            _canCreateSnapshot = _isPrincipalInvestigator || _isAdministrator;
            ShowPlan((await analysis.GetPlanAsync(caller, CancellationToken.None)).Value);
            _snapshots = await analysis.ListSnapshotsAsync(caller, CancellationToken.None);
            _settings = await analysis.GetSettingsAsync(CancellationToken.None);
            _liveVisible = _settings.LiveAccuracyVisibleToPrincipalInvestigator;
            _lockMeaning = _isPrincipalInvestigator ? await analysis.GetLockMeaningAsync(caller, CancellationToken.None) : null;
            return true;
        });
    }

    private void ShowPlan(AnalysisPlanView? plan)
    {
        _plan = plan;
        if (plan is null)
        {
            return;
        }

        (_threshold, _modelName, _modelVersion, _modelSha256, _population, _level) =
            (plan.Values.DecisionThreshold, plan.Values.ModelName, plan.Values.ModelVersion, plan.Values.ModelSha256, plan.Values.PrimaryPopulation, plan.Values.PrimaryLevel);
    }

    private Task SaveAsync() => RunAsync(
        (analysis, caller) => analysis.UpdatePlanAsync(caller, new AnalysisPlanInput(_threshold, _modelName, _modelVersion, _modelSha256, _population, _level), _plan!.Version, CancellationToken.None),
        _ => Text["Saved"]);

    private Task LockAsync() => RunAsync(
        (analysis, caller) => analysis.LockAsync(caller, _password, _plan!.Version, CancellationToken.None),
        _ => Text["Saved"]);

    private Task UnlockAsync() => RunAsync(
        (analysis, caller) => analysis.UnlockAsync(caller, _password, _reason, _plan!.Version, CancellationToken.None),
        _ => Text["Saved"]);

    private Task CreateSnapshotAsync() => RunAsync(
        (analysis, caller) => analysis.CreateSnapshotAsync(caller, CancellationToken.None),
        snapshot => Text["SnapshotCreated", snapshot.Number]);

    private Task SaveSettingsAsync() => RunAsync(
        (analysis, caller) => analysis.UpdateSettingsAsync(caller, _liveVisible, _settingsReason, _settings?.Version ?? Guid.Empty, CancellationToken.None),
        _ => Text["Saved"]);

    /// <summary>Runs one command, shows its errors or its success message, and reloads the page's data after success.</summary>
    private async Task RunAsync<T>(Func<IAnalysisService, StudyCaller, Task<ServiceResult<T>>> command, Func<T, string> successMessage)
    {
        _busy = true;
        _message = null;
        var result = await Operations.RunAsync(command);
        _busy = false;
        _errors = result.Errors;
        if (!result.Succeeded)
        {
            return;
        }

        _password = "";
        _reason = "";
        _settingsReason = "";
        _message = successMessage(result.Value!);
        await LoadAsync();
    }
}
