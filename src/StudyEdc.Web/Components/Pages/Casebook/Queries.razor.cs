using Microsoft.AspNetCore.Components;
using StudyEdc.Core.Queries;
using StudyEdc.Core.Sites;
using StudyEdc.Web.Identity;

namespace StudyEdc.Web.Components.Pages.Casebook;

/// <summary>
/// The query list: every query in the caller's scope (Core scopes it by site), filtered by site and status, with
/// the open and answered counts per site in the order of every site list (lead site first, then by code).
/// </summary>
public partial class Queries
{
    private IReadOnlyList<SiteSummary> _sites = [];
    private IReadOnlyList<QuerySummary> _queries = [];
    private IReadOnlyList<OpenQueryCount> _counts = [];
    private int? _siteId;
    private QueryStatus? _status;
    private int? _selectedId;
    private bool _loading = true;

    [Inject]
    private StudyOperations Operations { get; set; } = default!;

    /// <summary>Queries not yet closed per site of the caller's scope; sites without any are listed with zeros.</summary>
    private IEnumerable<SiteQueryTotals> SiteCounts => _sites.Select(site => new SiteQueryTotals(
        site.Code,
        _counts.Where(c => c.SiteId == site.Id).Sum(c => c.Open),
        _counts.Where(c => c.SiteId == site.Id).Sum(c => c.Answered)));

    protected override async Task OnInitializedAsync()
    {
        _sites = await Operations.RunAsync<ISiteService, IReadOnlyList<SiteSummary>>((sites, caller) => sites.ListAsync(caller));
        await LoadAsync();
        _loading = false;
    }

    private async Task LoadAsync()
    {
        var filter = new QueryFilter(SiteId: _siteId, Status: _status);
        _queries = await Operations.RunAsync<IQueryService, IReadOnlyList<QuerySummary>>((queries, caller) => queries.ListAsync(caller, filter));
        _counts = await Operations.RunAsync<IQueryService, IReadOnlyList<OpenQueryCount>>((queries, caller) => queries.CountOpenAsync(caller));
    }

    private async Task OnSiteChangedAsync(int? siteId)
    {
        _siteId = siteId;
        await LoadAsync();
    }

    private async Task OnStatusChangedAsync(QueryStatus? status)
    {
        _status = status;
        await LoadAsync();
    }

    // MudTable passes a null item for a click outside the rows.
    private void Select(QuerySummary? query) => _selectedId = query is null || _selectedId == query.Id ? null : query.Id;

    private Task OnThreadChangedAsync(QueryDetail _) => LoadAsync();

    private string SiteCode(int siteId) => _sites.FirstOrDefault(site => site.Id == siteId)?.Code ?? "";

    private sealed record SiteQueryTotals(string Code, int Open, int Answered);
}
