using Bunit;
using StudyEdc.Core.Identity;
using StudyEdc.Web.Components.Pages.Casebook;
using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Casebook;

/// <summary>The Fleiss' kappa card of the dashboard.</summary>
public sealed class ReaderAgreementCardTests : StudyPageContext
{
    [Fact]
    public async Task Study_without_reads_shows_not_estimable()
    {
        await SignInAsync("pi.agreement", StudyRoles.PrincipalInvestigator, null);

        var card = Render<ReaderAgreementCard>();

        card.WaitForAssertion(() => Assert.Equal("Cases with three reads: 0", card.Find("[data-testid=agreement-cases]").TextContent.Trim()));
        Assert.Equal("Not estimable: no case has all three reads yet.", card.Find("[data-testid=agreement-nature]").TextContent.Trim());
    }

    [Fact]
    public async Task Identical_reads_show_no_variation()
    {
        await SignInAsync("pi.identical", StudyRoles.PrincipalInvestigator, null);
        await using (var scope = Services.CreateAsyncScope())
        {
            var readers = await AdjudicationSetup.RadiologistsAsync(scope.ServiceProvider, "identical", Sites[0].Id);
            var lesion = await AdjudicationSetup.ConsensusLesionAsync(scope.ServiceProvider, Sites[0].Id);
            await AdjudicationSetup.ThreeReadsAsync(scope.ServiceProvider, lesion, readers);
        }

        var card = Render<ReaderAgreementCard>();

        card.WaitForAssertion(() => Assert.Equal("Cases with three reads: 1", card.Find("[data-testid=agreement-cases]").TextContent.Trim()));
        Assert.Equal("Not estimable: every read chose the same category, so agreement beyond chance is undefined.",
            card.Find("[data-testid=agreement-nature]").TextContent.Trim());
    }
}
