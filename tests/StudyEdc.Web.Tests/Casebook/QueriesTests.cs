using Bunit;
using Bunit.Rendering;
using MudBlazor;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Queries;
using StudyEdc.Web.Components.Pages.Casebook;
using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Casebook;

/// <summary>Data queries on the forms, their threads and the query list, over the real query service.</summary>
public sealed class QueriesTests : StudyPageContext
{
    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Opened_query_marks_its_field()
    {
        var coordinator = await SignInAsync("coordinator.queried", StudyRoles.SiteCoordinator, Sites[0].Id);
        var participantId = await EnrolAsync(Sites[0].Id);
        await SaveClinicalDraftAsync(coordinator, participantId);
        await SignInAsync("monitor.queried", StudyRoles.Monitor, null);
        var page = RenderWithProviders<Clinical>(nameof(Clinical.ParticipantId), participantId);
        page.WaitForAssertion(() => page.Find("button[data-testid=query-open]"));
        var fieldSelect = page.FindComponents<MudSelect<string>>().Single();
        await page.InvokeAsync(() => fieldSelect.Instance.ValueChanged.InvokeAsync(nameof(ClinicalCrfInput.HepatitisB)));
        page.Find("textarea[data-testid=query-new-text]").Input("HBsAg result is not in the source record. Please check.");

        page.Find("button[data-testid=query-open]").Click();

        page.WaitForAssertion(() => Assert.Equal("true", HepatitisBField(page).Find("div").GetAttribute("data-queried")));
        Assert.NotNull(page.Find("[data-testid=query-thread]"));
    }

    [Fact]
    public async Task Coordinator_response_answers_query()
    {
        var queryId = await OpenQueryOnAgeAsync("monitor.responds");
        await SignInAsync("coordinator.responds", StudyRoles.SiteCoordinator, Sites[0].Id);
        var thread = Render<QueryThread>(parameters => parameters.Add(p => p.QueryId, queryId));
        thread.WaitForAssertion(() => thread.Find("button[data-testid=query-respond]"));
        thread.Find("textarea[data-testid=query-text]").Input("Age corrected from the admission record.");

        thread.Find("button[data-testid=query-respond]").Click();

        thread.WaitForAssertion(() => Assert.Equal(QueryText.Status(QueryStatus.Answered), thread.Find("[data-testid=query-status]").TextContent.Trim()));
        Assert.Equal(2, thread.FindAll("[data-testid=query-message]").Count);
    }

    [Fact]
    public async Task Coordinator_sees_no_close_button()
    {
        var queryId = await OpenQueryOnAgeAsync("monitor.noclose");
        await SignInAsync("coordinator.noclose", StudyRoles.SiteCoordinator, Sites[0].Id);

        var thread = Render<QueryThread>(parameters => parameters.Add(p => p.QueryId, queryId));

        thread.WaitForAssertion(() => thread.Find("button[data-testid=query-respond]"));
        Assert.Empty(thread.FindAll("button[data-testid=query-close]"));
        Assert.Empty(thread.FindAll("button[data-testid=query-reopen]"));
    }

    [Fact]
    public async Task Monitor_closes_then_reopens_query()
    {
        var queryId = await OpenQueryOnAgeAsync("monitor.opener");
        await SignInAsync("monitor.closer", StudyRoles.Monitor, null);
        var thread = Render<QueryThread>(parameters => parameters.Add(p => p.QueryId, queryId));
        thread.WaitForAssertion(() => thread.Find("button[data-testid=query-close]"));
        Assert.Empty(thread.FindAll("button[data-testid=query-respond]"));

        thread.Find("button[data-testid=query-close]").Click();
        thread.WaitForAssertion(() => thread.Find("button[data-testid=query-reopen]"));
        thread.Find("textarea[data-testid=query-text]").Input("The corrected age does not match the CT report.");
        thread.Find("button[data-testid=query-reopen]").Click();

        thread.WaitForAssertion(() => Assert.Equal(QueryText.Status(QueryStatus.Open), thread.Find("[data-testid=query-status]").TextContent.Trim()));
    }

    [Fact]
    public async Task Query_list_counts_open_queries_per_site()
    {
        await OpenQueryOnAgeAsync("monitor.counted");
        await SignInAsync("monitor.counts", StudyRoles.Monitor, null);

        var page = RenderWithProviders<Queries>();

        page.WaitForAssertion(() => Assert.Equal("1", page.Find($"[data-testid=count-open-{Sites[0].Code}]").TextContent.Trim()));
        Assert.Equal("0", page.Find($"[data-testid=count-open-{Sites[1].Code}]").TextContent.Trim());
        Assert.Single(page.FindAll("[data-testid=query-table] tbody tr"));
    }

    [Fact]
    public async Task Query_list_lists_lead_site_first()
    {
        await SignInAsync("monitor.order", StudyRoles.Monitor, null);

        var page = RenderWithProviders<Queries>();

        page.WaitForAssertion(() => page.Find("[data-testid=query-counts]"));
        var codes = page.FindAll("[data-testid^=count-site-]").Select(cell => cell.TextContent.Trim()).ToList();
        Assert.Equal(Sites.Where(s => s.IsLeadSite).Select(s => s.Code).Single(), codes[0]);
        Assert.Equal(codes.Skip(1).Order(StringComparer.Ordinal), codes.Skip(1));
    }

    // Enrols a participant at the first site and has a new monitor, who is not signed in, query its age.
    private async Task<int> OpenQueryOnAgeAsync(string monitorName)
    {
        await using var scope = Services.CreateAsyncScope();
        var monitor = await StudyFixtures.CreateUserAsync(scope.ServiceProvider, monitorName, StudyRoles.Monitor, null);
        var participant = await StudyFixtures.EnrolAsync(scope.ServiceProvider, Sites[0].Id, age: 61);
        var opened = await scope.ServiceProvider.GetRequiredService<IQueryService>().OpenAsync(monitor,
            new NewQuery(CrfForms.ParticipantKey, participant.Id, nameof(ParticipantInput.Age), "Age differs from the CT report."), Cancel);
        Assert.True(opened.Succeeded, string.Join("; ", opened.Errors.Select(e => e.Message)));
        return opened.Value!.Query.Id;
    }

    private async Task SaveClinicalDraftAsync(StudyCaller coordinator, int participantId)
    {
        await using var scope = Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<IClinicalCrfService>()
            .SaveAsync(coordinator, participantId, new ClinicalCrfInput { HepatitisB = ViralStatus.Positive }, null, null, Cancel);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
    }

    private IRenderedComponent<ContainerFragment> RenderWithProviders<TPage>(string? parameterName = null, object? parameterValue = null)
        where TPage : Microsoft.AspNetCore.Components.IComponent => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<TPage>(1);
        if (parameterName is not null)
        {
            builder.AddAttribute(2, parameterName, parameterValue);
        }

        builder.CloseComponent();
    });

    private static IRenderedComponent<CrfChoiceField<ViralStatus>> HepatitisBField(IRenderedComponent<ContainerFragment> page) =>
        page.FindComponents<CrfChoiceField<ViralStatus>>().Single(field => field.Instance.Field == nameof(ClinicalCrfInput.HepatitisB));
}
