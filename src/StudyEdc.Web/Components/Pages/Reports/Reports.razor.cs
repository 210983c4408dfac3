using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using StudyEdc.Core.Analysis;
using StudyEdc.Core.Identity;
using StudyEdc.Reports.Model;
using StudyEdc.Web.Endpoints;
using StudyEdc.Web.Identity;
using StudyEdc.Web.Resources;

namespace StudyEdc.Web.Components.Pages.Reports;

/// <summary>
/// The accuracy report for the Principal Investigator and, read-only on snapshots, the DSMC. The user chooses the
/// data, the population, the level and the threshold, and the page shows per-site and pooled 2×2 tables with every
/// interval, the figures and a PDF download. Core checks the role and the live-accuracy setting on every request.
/// </summary>
public partial class Reports
{
    /// <summary>Select value standing for live data; snapshot numbers start at 1.</summary>
    private const int LiveChoice = 0;

    private AnalysisPlanView? _plan;
    private IReadOnlyList<AnalysisSnapshotView> _snapshots = [];
    private bool _canSeeLive;
    private bool _isDsmc;
    private int _snapshotChoice;
    private AnalysisPopulation _population;
    private AnalysisLevel _level;
    private double? _threshold;
    private bool _busy;
    private IReadOnlyList<StudyEdc.Core.ValidationError> _errors = [];
    private AccuracyReport? _report;
    private ReportQuery? _query;
    private ReportCells _cells = default!;

    [Inject]
    private StudyOperations Operations { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ReportResource> Text { get; set; } = default!;

    private string Heading => _report!.Snapshot.Number > 0
        ? Text["ReportHeading", _report.Snapshot.Number, Text[$"Population.{_report.Population}"], Text[$"Level.{_report.Level}"], ReportCells.Threshold(_report.DecisionThreshold)]
        : Text["LiveHeading", Text[$"Population.{_report.Population}"], Text[$"Level.{_report.Level}"], ReportCells.Threshold(_report.DecisionThreshold)];

    protected override async Task OnInitializedAsync()
    {
        _cells = new ReportCells(Text);
        var state = await Operations.RunAsync<IAnalysisService, (AnalysisPlanView?, IReadOnlyList<AnalysisSnapshotView>, bool, bool)>(async (analysis, caller) =>
        {
            var plan = await analysis.GetPlanAsync(caller, CancellationToken.None);
            var snapshots = await analysis.ListSnapshotsAsync(caller, CancellationToken.None);
            var live = await analysis.CanSeeLiveAccuracyAsync(caller, CancellationToken.None);
            return (plan.Value, snapshots, live, caller.IsInRole(StudyRoles.DsmcMember) && !caller.IsInRole(StudyRoles.PrincipalInvestigator));
        });
        (_plan, _snapshots, _canSeeLive, _isDsmc) = state;
        if (_plan is null)
        {
            return;
        }

        _population = _plan.Values.PrimaryPopulation;
        _level = _plan.Values.PrimaryLevel;
        _snapshotChoice = _snapshots.Count > 0 ? _snapshots[0].Number : LiveChoice;
    }

    private async Task ComputeAsync()
    {
        _busy = true;
        var query = new ReportQuery(_snapshotChoice == LiveChoice ? null : _snapshotChoice, _population, _level, _threshold);
        var result = await Operations.RunAsync<IAnalysisService, StudyEdc.Core.ServiceResult<AccuracyReport>>(
            (analysis, caller) => analysis.BuildReportAsync(caller, query.ToRequest(CultureInfo.CurrentUICulture), CancellationToken.None));
        _busy = false;
        _errors = result.Errors;
        (_report, _query) = result.Succeeded ? (result.Value, query) : (null, null);
    }
}
