using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using StudyEdc.Core.Dashboards;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Web.Identity;
using StudyEdc.Web.Resources;

namespace StudyEdc.Web.Components.Pages.Casebook;

/// <summary>
/// The Principal Investigator's dashboard: enrolment per site against target and per month, forms by status,
/// queries per site and exclusions by reason. Core scopes every figure, so a coordinator gets the figures of the own site only, and
/// the page adds the coordinator's work list of what is missing.
/// </summary>
public partial class Dashboard : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private StudyDashboard? _dashboard;
    private IReadOnlyList<WorkItem>? _workList;
    private string[] _months = [];
    private List<ChartSeries<double>> _monthlySeries = [];
    private bool _loading = true;

    [Inject]
    private StudyOperations Operations { get; set; } = default!;

    [Inject]
    private IStringLocalizer<CasebookResource> Text { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _dashboard = await Operations.RunAsync<IDashboardService, StudyDashboard?>(
            (dashboards, caller) => dashboards.GetAsync(caller, _disposed.Token));
        if (_dashboard is not null)
        {
            BuildMonthlySeries(_dashboard);
            _workList = await Operations.RunAsync<IDashboardService, IReadOnlyList<WorkItem>?>(async (dashboards, caller) =>
                caller.IsInRole(StudyRoles.SiteCoordinator) ? await dashboards.GetWorkListAsync(caller, _disposed.Token) : null);
        }

        _loading = false;
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }

    // One bar series per site over every month in which any visible site enrolled someone.
    private void BuildMonthlySeries(StudyDashboard dashboard)
    {
        _months = [.. dashboard.EnrolmentByMonth.Select(m => m.Month).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        _monthlySeries = [.. dashboard.Sites.Select(site => new ChartSeries<double>
        {
            Name = site.Code,
            Data = _months.Select(month => (double)dashboard.EnrolmentByMonth
                .Where(m => m.SiteId == site.SiteId && m.Month == month).Sum(m => m.Count)).ToArray(),
        })];
    }

    private static double Percent(SiteEnrolment site) =>
        site.Target <= 0 ? 0 : Math.Min(100, 100.0 * site.Enrolled / site.Target);

    private string SiteCode(int siteId) =>
        _dashboard?.Sites.FirstOrDefault(s => s.SiteId == siteId)?.Code ?? siteId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string FormName(string formKey) =>
        CrfForms.Find(formKey)?.Label(System.Globalization.CultureInfo.CurrentUICulture) ?? formKey;

    private string WorkItemText(WorkItem item) => Text[$"WorkItem.{item.Kind}", item.Number?.ToString(System.Globalization.CultureInfo.CurrentCulture) ?? ""];

    private static string WorkItemLink(WorkItem item) => item.Kind switch
    {
        WorkItemKind.NoLesionRecorded or WorkItemKind.LesionFormDraft => $"/participants/{item.ParticipantId}/lesions",
        WorkItemKind.ClinicalFormMissing or WorkItemKind.ClinicalFormDraft => $"/participants/{item.ParticipantId}/clinical",
        WorkItemKind.QueryAwaitingResponse => "/queries",
        _ => $"/participants/{item.ParticipantId}",
    };
}
