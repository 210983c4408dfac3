using Bunit;
using Bunit.Rendering;
using MudBlazor;
using MudBlazor.Extensions;
using StudyEdc.Core.Adjudication;
using StudyEdc.Core.Identity;
using StudyEdc.Core.ReferenceStandards;
using StudyEdc.Core.Resources;
using StudyEdc.Web.Components.Pages.Casebook;
using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Casebook;

/// <summary>Recording the consensus on the consensus page, once the three reads are in.</summary>
public sealed class ConsensusRecordingTests : StudyPageContext
{
    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Investigator_records_the_consensus()
    {
        var pi = await SignInAsync("pi.consensus", StudyRoles.PrincipalInvestigator, null);
        var caseId = await CaseWithThreeReadsAsync("recorded");
        var page = RenderConsensus(caseId);
        page.WaitForAssertion(() => page.Find("[data-testid=consensus-record]"));

        await ChooseAsync(page, LesionNature.Benign);
        await ChooseAsync(page, LiRadsCategory.Lr2);
        page.Find("button[data-testid=record-consensus]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=consensus-result]"));
        var stored = await FormAsync(pi, caseId);
        Assert.Equal(AdjudicationStatus.Concluded, stored.Status);
        Assert.Equal(LiRadsCategory.Lr2, stored.ConsensusLiRads);
        Assert.Empty(page.FindAll("[data-testid=consensus-record]"));
    }

    [Fact]
    public async Task Missing_category_shows_the_field_rule()
    {
        var pi = await SignInAsync("pi.missing", StudyRoles.PrincipalInvestigator, null);
        var caseId = await CaseWithThreeReadsAsync("missing");
        var page = RenderConsensus(caseId);
        page.WaitForAssertion(() => page.Find("[data-testid=consensus-record]"));

        await ChooseAsync(page, LesionNature.Benign);
        page.Find("button[data-testid=record-consensus]").Click();

        var category = page.FindComponent<MudSelect<LiRadsCategory?>>();
        page.WaitForAssertion(() => Assert.True(category.Instance.GetState(x => x.Error)));
        Assert.Equal(AdjudicationStatus.AwaitingConsensus, (await FormAsync(pi, caseId)).Status);
    }

    [Fact]
    public async Task Reads_side_by_side_show_each_category()
    {
        await SignInAsync("pi.sidebyside", StudyRoles.PrincipalInvestigator, null);
        var caseId = await CaseWithThreeReadsAsync("sidebyside");

        var page = RenderConsensus(caseId);

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=consensus-reads] tbody tr").Count));
        var table = page.Find("[data-testid=consensus-reads]").TextContent;
        Assert.Contains(CrfMessages.Choice(LiRadsCategory.Lr2), table, StringComparison.Ordinal);
        Assert.Contains(CrfMessages.Choice(LiRadsCategory.Lr3), table, StringComparison.Ordinal);
    }

    private async Task<int> CaseWithThreeReadsAsync(string prefix)
    {
        await using var scope = Services.CreateAsyncScope();
        var readers = await AdjudicationSetup.RadiologistsAsync(scope.ServiceProvider, prefix, Sites[0].Id);
        var lesion = await AdjudicationSetup.ConsensusLesionAsync(scope.ServiceProvider, Sites[0].Id);
        return await AdjudicationSetup.ThreeReadsAsync(scope.ServiceProvider, lesion, readers);
    }

    private async Task<ConsensusForm> FormAsync(StudyCaller caller, int caseId)
    {
        await using var scope = Services.CreateAsyncScope();
        var form = await scope.ServiceProvider.GetRequiredService<IAdjudicationService>().GetConsensusFormAsync(caller, caseId, Cancel);
        return form.Value!;
    }

    private IRenderedComponent<ContainerFragment> RenderConsensus(int caseId) => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<Consensus>(1);
        builder.AddAttribute(2, nameof(Consensus.CaseId), caseId);
        builder.CloseComponent();
    });

    private static Task ChooseAsync<TEnum>(IRenderedComponent<ContainerFragment> page, TEnum value)
        where TEnum : struct, Enum
    {
        var select = page.FindComponent<MudSelect<TEnum?>>();
        return page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }
}
