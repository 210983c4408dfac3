using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Identity;
using MudBlazor;
using MudBlazor.Extensions;
using StudyEdc.Core.Adjudication;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.ReferenceStandards;
using StudyEdc.Web.Components.Pages.Casebook;
using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Casebook;

/// <summary>The radiologist's blinded read page over the real adjudication service.</summary>
public sealed class ReadsTests : StudyPageContext
{
    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Radiologist_submits_assigned_read()
    {
        var reader = await SignInAsync("radiologist.first", StudyRoles.Radiologist, Sites[0].Id);
        var readId = await AssignAsync(reader);
        var page = RenderReads();
        page.WaitForAssertion(() => page.Find($"button[data-testid=open-read-{readId}]"));

        page.Find($"button[data-testid=open-read-{readId}]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=read-form]"));
        await ChooseAsync(page, LesionNature.Malignant);
        await ChooseAsync(page, LiRadsCategory.Lr5);
        var confidence = page.FindComponent<MudNumericField<int?>>();
        await page.InvokeAsync(() => confidence.Instance.ValueChanged.InvokeAsync(4));
        page.Find("button[data-testid=submit-read]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=reading-time]"));
        var stored = Assert.Single(await ReadsOfAsync(reader));
        Assert.Equal(LiRadsCategory.Lr5, stored.LiRadsCategory);
        Assert.NotNull(stored.ReadingTimeSeconds);
    }

    [Fact]
    public async Task Read_form_links_to_images()
    {
        var reader = await SignInAsync("radiologist.images", StudyRoles.Radiologist, Sites[0].Id);
        var readId = await AssignAsync(reader);
        var page = RenderReads();
        page.WaitForAssertion(() => page.Find($"button[data-testid=open-read-{readId}]"));

        page.Find($"button[data-testid=open-read-{readId}]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=read-images]"));
        var participantId = Assert.Single(await ReadsOfAsync(reader)).ParticipantId;
        Assert.EndsWith($"/participants/{participantId}/imaging", page.Find("[data-testid=read-images]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Second_reader_sees_no_other_answer()
    {
        var reader = await SignInAsync("radiologist.second", StudyRoles.Radiologist, Sites[0].Id);
        var readId = await AssignAsync(reader, firstReaderAnswers: true);
        var page = RenderReads();
        page.WaitForAssertion(() => page.Find($"button[data-testid=open-read-{readId}]"));

        page.Find($"button[data-testid=open-read-{readId}]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=read-form]"));
        Assert.Null(page.FindComponent<MudSelect<LesionNature?>>().Instance.GetState(x => x.Value));
        Assert.Null(page.FindComponent<MudSelect<LiRadsCategory?>>().Instance.GetState(x => x.Value));
        Assert.Null(page.FindComponent<MudNumericField<int?>>().Instance.GetState(x => x.Value));
        Assert.Empty(page.FindAll("[data-testid=reading-time]"));
        Assert.Single(page.FindAll("[data-testid^=open-read-]"));
    }

    [Fact]
    public async Task Consensus_lists_three_submitted_reads()
    {
        var reader = await SignInAsync("radiologist.consensus", StudyRoles.Radiologist, Sites[0].Id);
        var readId = await AssignAsync(reader, firstReaderAnswers: true);
        var caseId = (await ReadsOfAsync(reader)).Single().CaseId;
        var closed = RenderConsensus(caseId);
        closed.WaitForAssertion(() => closed.Find("[data-testid=consensus-not-available]"));
        await SubmitAsync(reader, readId, LesionNature.Benign, LiRadsCategory.Lr2);
        await SubmitAsync(await OtherReaderAsync("radiologist.other2"), null, LesionNature.Benign, LiRadsCategory.Lr3);

        var page = RenderConsensus(caseId);

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=consensus-reads] tbody tr").Count));
    }

    // Assigns a new benign consensus lesion to the signed-in reader and two more radiologists of the site, and
    // returns the signed-in reader's read id. With firstReaderAnswers, radiologist.other1 submits a read first.
    private async Task<int> AssignAsync(StudyCaller reader, bool firstReaderAnswers = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var siteId = Sites[0].Id;
        var coordinator = await StudyFixtures.CreateUserAsync(services, "coordinator.reads", StudyRoles.SiteCoordinator, siteId);
        var others = new[]
        {
            await StudyFixtures.CreateUserAsync(services, "radiologist.other1", StudyRoles.Radiologist, siteId),
            await StudyFixtures.CreateUserAsync(services, "radiologist.other2", StudyRoles.Radiologist, siteId),
        };
        var participant = await StudyFixtures.EnrolAsync(services, siteId, age: 61);
        var lesion = await services.GetRequiredService<ILesionService>().CreateAsync(coordinator, participant.Id, new LesionInput
        {
            LesionNumber = 1,
            CouinaudSegment = CouinaudSegment.II,
            LongestDiameterMm = 15m,
            Nature = LesionNature.Benign,
            ReferenceStandard = ReferenceStandardMethod.Consensus,
        }, Cancel);
        Assert.True(lesion.Succeeded, string.Join("; ", lesion.Errors.Select(e => e.Message)));

        var adjudication = services.GetRequiredService<IAdjudicationService>();
        var assigned = await adjudication.AssignAsync(coordinator, lesion.Value!.Id, [reader.UserId, others[0].UserId, others[1].UserId], Cancel);
        Assert.True(assigned.Succeeded, string.Join("; ", assigned.Errors.Select(e => e.Message)));

        if (firstReaderAnswers)
        {
            await SubmitAsync(others[0], readId: null, LesionNature.Malignant, LiRadsCategory.Lr5);
        }

        return (await adjudication.ListMyReadsAsync(reader, Cancel)).Single().ReadId;
    }

    private async Task<StudyCaller> OtherReaderAsync(string userName)
    {
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<StudyUser>>().FindByNameAsync(userName);
        return await StudyFixtures.CallerAsync(scope.ServiceProvider, user!.Id);
    }

    // Opens and submits the reader's read, or the reader's only read when readId is null.
    private async Task SubmitAsync(StudyCaller reader, int? readId, LesionNature nature, LiRadsCategory category)
    {
        await using var scope = Services.CreateAsyncScope();
        var adjudication = scope.ServiceProvider.GetRequiredService<IAdjudicationService>();
        var id = readId ?? (await adjudication.ListMyReadsAsync(reader, Cancel)).Single().ReadId;
        await adjudication.OpenReadAsync(reader, id, Cancel);
        var submitted = await adjudication.SubmitReadAsync(reader, id, new ReadInput(nature, category, 3), Cancel);
        Assert.True(submitted.Succeeded, string.Join("; ", submitted.Errors.Select(e => e.Message)));
    }

    private IRenderedComponent<Consensus> RenderConsensus(int caseId) =>
        Render<Consensus>(parameters => parameters.Add(p => p.CaseId, caseId));

    private async Task<IReadOnlyList<ReadTask>> ReadsOfAsync(StudyCaller reader)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IAdjudicationService>().ListMyReadsAsync(reader, Cancel);
    }

    private IRenderedComponent<ContainerFragment> RenderReads() => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<Reads>(1);
        builder.CloseComponent();
    });

    private static Task ChooseAsync<TEnum>(IRenderedComponent<ContainerFragment> page, TEnum value)
        where TEnum : struct, Enum
    {
        var select = page.FindComponent<MudSelect<TEnum?>>();
        return page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }
}
