using StudyEdc.Core.Drafts;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Tests.Infrastructure;

namespace StudyEdc.Core.Tests;

public sealed class FormDraftServiceTests : SqliteTestBase
{
    [Fact]
    public async Task Saved_draft_is_returned_to_its_author()
    {
        var coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WCH");

        await Database.Get<IFormDraftService>().SaveAsync(coordinator, "participant", 12, """{"age":61}""", TestContext.Current.CancellationToken);

        Assert.Equal("""{"age":61}""", await Database.Get<IFormDraftService>().GetAsync(coordinator, "participant", 12, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Second_save_replaces_the_draft()
    {
        var coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WCH");
        await Database.Get<IFormDraftService>().SaveAsync(coordinator, "participant", null, """{"age":6}""", TestContext.Current.CancellationToken);

        await Database.Get<IFormDraftService>().SaveAsync(coordinator, "participant", null, """{"age":61}""", TestContext.Current.CancellationToken);

        Assert.Equal("""{"age":61}""", await Database.Get<IFormDraftService>().GetAsync(coordinator, "participant", null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Another_user_does_not_see_the_draft()
    {
        var author = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var colleague = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WCH");
        await Database.Get<IFormDraftService>().SaveAsync(author, "participant", 5, "{}", TestContext.Current.CancellationToken);

        var draft = await Database.Get<IFormDraftService>().GetAsync(colleague, "participant", 5, TestContext.Current.CancellationToken);

        Assert.Null(draft);
    }

    [Fact]
    public async Task Discarded_draft_is_gone()
    {
        var coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WCH");
        await Database.Get<IFormDraftService>().SaveAsync(coordinator, "participant", 5, "{}", TestContext.Current.CancellationToken);

        await Database.Get<IFormDraftService>().DiscardAsync(coordinator, "participant", 5, TestContext.Current.CancellationToken);

        Assert.Null(await Database.Get<IFormDraftService>().GetAsync(coordinator, "participant", 5, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Oversized_draft_is_rejected()
    {
        var coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WCH");

        var result = await Database.Get<IFormDraftService>().SaveAsync(coordinator, "participant", 5, new string('x', IFormDraftService.MaxJsonLength + 1), TestContext.Current.CancellationToken);

        Assert.Equal("DraftTooLarge", Assert.Single(result.Errors).Code);
    }
}
