using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Participants;
using StudyEdc.EndToEnd.Tests.Infrastructure;

namespace StudyEdc.EndToEnd.Tests.Casebook;

/// <summary>
/// The clinical CRF and a data query on it in the browser, in the default Chinese UI: the coordinator enters AFP,
/// the Monitor queries a field, the coordinator responds from the query list, and the PI opens the dashboard.
/// </summary>
public sealed class CasebookFormsTests(StudyEdcFixture study)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Clinical_query_is_answered_from_list()
    {
        var participantId = await EnrolAsync();
        var clinicalPath = $"/participants/{participantId}/clinical";
        var queriedField = CrfForms.Clinical.Find(nameof(ClinicalCrfInput.HepatitisB))!;
        var converted = "";
        var marked = "";
        var status = "";
        var headerHeights = new List<float>();
        var rowHeight = 0f;

        // The coordinator enters AFP in IU/mL and the server converts it to ng/mL.
        await study.RunInBrowserAsync(async coordinator =>
        {
            await coordinator.SignInAsync(TestUsers.Coordinator);
            await coordinator.GotoAsync(clinicalPath);
            await coordinator.ChooseAsync("field-HepatitisB", ViralStatus.Positive);
            await coordinator.Input("field-AfpValue").FillAsync("100");
            await coordinator.ChooseAsync("field-AfpUnit", AfpUnit.InternationalUnitsPerMillilitre);
            await coordinator.Page.Locator("button[data-testid=save]").ClickAsync();
            await coordinator.Page.Locator("[data-testid=query-panel-empty]").WaitForAsync();
            converted = await coordinator.Input("field-AfpNgPerMl").InputValueAsync();
            await coordinator.ScreenshotAsync("clinical-saved");
        });

        // The Monitor queries the hepatitis B field, which is then marked on the form.
        await study.RunInBrowserAsync(async monitor =>
        {
            await monitor.SignInAsync(TestUsers.Monitor);
            await monitor.GotoAsync(clinicalPath);
            await monitor.ChooseAsync("query-new-field", queriedField.LabelZh);
            await monitor.Input("query-new-text").FillAsync("HBsAg 结果在原始病历中未找到，请核实。");
            await monitor.Page.Locator("button[data-testid=query-open]").ClickAsync();
            await monitor.Page.Locator("[data-testid=query-thread]").WaitForAsync();
            marked = await monitor.Page.Locator("[data-queried=true]").First.InnerTextAsync();
            await monitor.ScreenshotAsync("query-opened");
        });

        // The coordinator finds the query in the list and responds to it.
        await study.RunInBrowserAsync(async coordinator =>
        {
            await coordinator.SignInAsync(TestUsers.Coordinator);
            await coordinator.GotoAsync("/queries");
            await coordinator.ScreenshotAsync("query-list");
            await coordinator.Page.Locator("[data-testid^=query-row-]").Last.ClickAsync();
            await coordinator.Input("query-text").FillAsync("已核对检验报告，HBsAg 阳性。");
            await coordinator.Page.Locator("button[data-testid=query-respond]").ClickAsync();
            await coordinator.Page.Locator("[data-testid=query-thread] [data-testid=query-message]").Nth(1).WaitForAsync();
            status = await coordinator.Page.Locator("[data-testid=query-thread] [data-testid=query-status]").InnerTextAsync();
            await coordinator.ScreenshotAsync("query-answered");
        });

        // The PI's dashboard: the per-site table is wide enough for its Chinese headers.
        await study.RunInBrowserAsync(async pi =>
        {
            await pi.SignInAsync(TestUsers.PrincipalInvestigator);
            await pi.GotoAsync("/dashboard");
            await pi.Page.Locator("[data-testid=enrolment-table]").WaitForAsync();
            foreach (var header in await pi.Page.Locator("[data-testid=enrolment-table] th").AllAsync())
            {
                headerHeights.Add((await header.BoundingBoxAsync())!.Height);
            }

            rowHeight = (await pi.Page.Locator("[data-testid=enrolment-table] tbody td").First.BoundingBoxAsync())!.Height;
            await pi.ScreenshotAsync("dashboard");
        });

        Assert.Equal("121", converted);
        Assert.Contains(queriedField.LabelZh, marked, StringComparison.Ordinal);
        Assert.Equal("已回复", status.Trim());

        // A header that wraps is taller than a one-line body row; 1.5 rows allows for the header's own padding.
        Assert.All(headerHeights, height => Assert.True(height < 1.5 * rowHeight, $"A header is {height} px high, a row {rowHeight} px"));
    }

    private async Task<int> EnrolAsync()
    {
        var database = await study.GetDatabaseAsync();
        var enrolled = await database.RunAsAsync(TestUsers.Coordinator, (services, caller) =>
            services.GetRequiredService<IParticipantService>().CreateAsync(caller, caller.SiteId!.Value,
                new ParticipantInput { Age = 58, Sex = Sex.Male, CtExamDate = new DateOnly(2024, 6, 3) }, Cancel), Cancel);
        Assert.True(enrolled.Succeeded, string.Join("; ", enrolled.Errors.Select(e => e.Message)));
        return enrolled.Value!.Id;
    }
}
