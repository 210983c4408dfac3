using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Core.Adjudication;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Participants;
using StudyEdc.Core.ReferenceStandards;
using StudyEdc.Core.Tests.Forms;
using StudyEdc.Core.Verification;

namespace StudyEdc.Core.Tests.Adjudication;

/// <summary>Three independent blinded reads, then the consensus; blinding is checked at the service.</summary>
public sealed class AdjudicationServiceTests : CasebookTestBase
{
    [Fact]
    public async Task Assignment_needs_three_different_radiologists_of_the_site()
    {
        var (coordinator, lesion) = await ConsensusLesionAsync();
        var local = await RadiologistsAsync("WCH");
        var elsewhere = await CallerAsync(StudyRoles.Radiologist, "HPH");

        var twice = await Get<IAdjudicationService>().AssignAsync(coordinator, lesion.Id, [local[0].UserId, local[0].UserId, local[1].UserId], Cancel);
        var foreign = await Get<IAdjudicationService>().AssignAsync(coordinator, lesion.Id, [local[0].UserId, local[1].UserId, elsewhere.UserId], Cancel);

        Assert.Equal("ThreeDifferentReaders", Assert.Single(twice.Errors).Code);
        Assert.Equal("ReaderNotRadiologistOfSite", Assert.Single(foreign.Errors).Code);
    }

    [Fact]
    public async Task Eligible_readers_are_the_sites_radiologists()
    {
        var (coordinator, lesion) = await ConsensusLesionAsync();
        var local = await RadiologistsAsync("WCH");
        var elsewhere = await CallerAsync(StudyRoles.Radiologist, "HPH");

        var readers = await Get<IAdjudicationService>().ListEligibleReadersAsync(coordinator, lesion.Id, Cancel);

        Assert.Equal(local.Select(r => r.UserId).Order(StringComparer.Ordinal), readers.Select(r => r.UserId).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(readers, r => r.UserId == elsewhere.UserId);
    }

    [Fact]
    public async Task Monitor_gets_no_eligible_readers()
    {
        var (_, lesion) = await ConsensusLesionAsync();
        await RadiologistsAsync("WCH");
        var monitor = await CallerAsync(StudyRoles.Monitor);

        var readers = await Get<IAdjudicationService>().ListEligibleReadersAsync(monitor, lesion.Id, Cancel);

        Assert.Empty(readers);
    }

    [Fact]
    public async Task Other_site_coordinator_gets_no_eligible_readers()
    {
        var (_, lesion) = await ConsensusLesionAsync();
        await RadiologistsAsync("WCH");
        var otherCoordinator = await CallerAsync(StudyRoles.SiteCoordinator, "HPH");

        var readers = await Get<IAdjudicationService>().ListEligibleReadersAsync(otherCoordinator, lesion.Id, Cancel);

        Assert.Empty(readers);
    }

    [Fact]
    public async Task Lesion_proven_by_pathology_needs_no_readers()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var lesion = await CreateLesionAsync(coordinator, participant.Id, MalignantLesion());
        var readers = await RadiologistsAsync("WCH");

        var result = await Get<IAdjudicationService>().AssignAsync(coordinator, lesion.Id, readers.Select(r => r.UserId).ToList(), Cancel);

        Assert.Equal("AdjudicationNotNeeded", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Radiologist_lists_only_the_own_read()
    {
        var (_, _, readers) = await AssignedCaseAsync();

        var reads = await Get<IAdjudicationService>().ListMyReadsAsync(readers[0], Cancel);

        var read = Assert.Single(reads);
        Assert.Null(read.Nature);
    }

    [Fact]
    public async Task Radiologist_cannot_open_another_readers_read()
    {
        var (_, _, readers) = await AssignedCaseAsync();
        var othersRead = (await Get<IAdjudicationService>().ListMyReadsAsync(readers[1], Cancel)).Single();

        var result = await Get<IAdjudicationService>().OpenReadAsync(readers[0], othersRead.ReadId, Cancel);

        Assert.Equal(ServiceFailure.NotFound, result.Failure);
    }

    [Fact]
    public async Task Radiologist_sees_no_other_answer_after_submitting()
    {
        var (_, _, readers) = await AssignedCaseAsync();
        await ReadAsync(readers[1], LesionNature.Malignant, LiRadsCategory.Lr5);

        var own = await Get<IAdjudicationService>().ListMyReadsAsync(readers[0], Cancel);
        var progress = await Get<IAdjudicationService>().ListMyReadsAsync(readers[2], Cancel);

        Assert.All(own.Concat(progress), r => Assert.Null(r.Nature));
    }

    [Fact]
    public async Task Consensus_form_closed_before_three_reads()
    {
        var (_, adjudication, readers) = await AssignedCaseAsync();
        await ReadAsync(readers[0], LesionNature.Benign, LiRadsCategory.Lr2);
        await ReadAsync(readers[1], LesionNature.Benign, LiRadsCategory.Lr1);

        var result = await Get<IAdjudicationService>().GetConsensusFormAsync(readers[0], adjudication.CaseId, Cancel);

        Assert.Equal("ConsensusNotOpen", Assert.Single(result.Errors).Code);
        Assert.Null(result.Value);
    }

    [Fact]
    public async Task Consensus_form_shows_three_reads()
    {
        var (_, adjudication, readers) = await AssignedCaseAsync();
        await ReadAsync(readers[0], LesionNature.Benign, LiRadsCategory.Lr2);
        await ReadAsync(readers[1], LesionNature.Benign, LiRadsCategory.Lr1);
        await ReadAsync(readers[2], LesionNature.Malignant, LiRadsCategory.Lr3);

        var result = await Get<IAdjudicationService>().GetConsensusFormAsync(readers[0], adjudication.CaseId, Cancel);

        Assert.Equal([LiRadsCategory.Lr2, LiRadsCategory.Lr1, LiRadsCategory.Lr3], result.Value!.Reads.Select(r => r.LiRadsCategory));
        Assert.Equal(AdjudicationStatus.AwaitingConsensus, result.Value.Status);
    }

    [Fact]
    public async Task Coordinator_cannot_see_the_consensus_form()
    {
        var (coordinator, adjudication, readers) = await AssignedCaseAsync();
        foreach (var reader in readers)
        {
            await ReadAsync(reader, LesionNature.Benign, LiRadsCategory.Lr2);
        }

        var result = await Get<IAdjudicationService>().GetConsensusFormAsync(coordinator, adjudication.CaseId, Cancel);

        Assert.Equal(ServiceFailure.NotFound, result.Failure);
    }

    [Fact]
    public async Task Reading_time_is_measured_by_the_server()
    {
        var (_, _, readers) = await AssignedCaseAsync();
        var clock = new ManualClock(new DateTimeOffset(2025, 1, 6, 2, 0, 0, TimeSpan.Zero));
        var service = ActivatorUtilities.CreateInstance<AdjudicationService>(Database.Services.CreateScope().ServiceProvider, clock);
        var read = (await service.ListMyReadsAsync(readers[0], Cancel)).Single();
        await service.OpenReadAsync(readers[0], read.ReadId, Cancel);
        clock.Advance(TimeSpan.FromSeconds(95.4));

        var submitted = await service.SubmitReadAsync(readers[0], read.ReadId, new ReadInput(LesionNature.Benign, LiRadsCategory.Lr2, 4), Cancel);

        Assert.Equal(95, submitted.Value!.ReadingTimeSeconds);
    }

    [Fact]
    public async Task Submitted_read_cannot_be_changed()
    {
        var (_, _, readers) = await AssignedCaseAsync();
        var readId = await ReadAsync(readers[0], LesionNature.Benign, LiRadsCategory.Lr2);

        var again = await Get<IAdjudicationService>().SubmitReadAsync(readers[0], readId, new ReadInput(LesionNature.Malignant, LiRadsCategory.Lr5, 5), Cancel);

        Assert.Equal("ReadAlreadySubmitted", Assert.Single(again.Errors).Code);
    }

    [Fact]
    public async Task Read_without_liras_category_is_rejected()
    {
        var (_, _, readers) = await AssignedCaseAsync();
        var read = (await Get<IAdjudicationService>().ListMyReadsAsync(readers[0], Cancel)).Single();
        await Get<IAdjudicationService>().OpenReadAsync(readers[0], read.ReadId, Cancel);

        var result = await Get<IAdjudicationService>().SubmitReadAsync(readers[0], read.ReadId, new ReadInput(LesionNature.Benign, null, 6), Cancel);

        Assert.Equal(["FieldRequired", "OutOfRange"], result.Errors.Select(e => e.Code).Order());
    }

    [Fact]
    public async Task Benign_consensus_lets_the_lesion_be_completed()
    {
        var (coordinator, adjudication, readers) = await AssignedCaseAsync();
        foreach (var reader in readers)
        {
            await ReadAsync(reader, LesionNature.Benign, LiRadsCategory.Lr2);
        }

        var form = (await Get<IAdjudicationService>().GetConsensusFormAsync(readers[0], adjudication.CaseId, Cancel)).Value!;
        var consensus = await Get<IAdjudicationService>().RecordConsensusAsync(readers[0], adjudication.CaseId, new ConsensusInput(LesionNature.Benign, LiRadsCategory.Lr2, "haemangioma"), form.Version, Cancel);
        var lesion = (await Get<ILesionService>().GetAsync(coordinator, adjudication.LesionId, Cancel))!;
        var completed = await Get<ICrfStatusService>().ChangeStatusAsync(coordinator, CrfForms.LesionKey, lesion.Id, FormStatus.Complete, lesion.Version, null, Cancel);

        Assert.True(consensus.Succeeded);
        Assert.Equal(ConsensusState.Benign, lesion.Consensus);
        Assert.True(completed.Succeeded, string.Join("; ", completed.Errors.Select(e => e.Message)));
    }

    [Fact]
    public async Task Malignant_consensus_blocks_completing_a_benign_lesion()
    {
        var (coordinator, adjudication, readers) = await AssignedCaseAsync();
        foreach (var reader in readers)
        {
            await ReadAsync(reader, LesionNature.Malignant, LiRadsCategory.LrM);
        }

        var form = (await Get<IAdjudicationService>().GetConsensusFormAsync(readers[0], adjudication.CaseId, Cancel)).Value!;
        await Get<IAdjudicationService>().RecordConsensusAsync(readers[0], adjudication.CaseId, new ConsensusInput(LesionNature.Malignant, LiRadsCategory.LrM, null), form.Version, Cancel);
        var lesion = (await Get<ILesionService>().GetAsync(coordinator, adjudication.LesionId, Cancel))!;
        var completed = await Get<ICrfStatusService>().ChangeStatusAsync(coordinator, CrfForms.LesionKey, lesion.Id, FormStatus.Complete, lesion.Version, null, Cancel);

        Assert.Equal("ConsensusFoundMalignant", Assert.Single(completed.Errors).Code);
    }

    [Fact]
    public async Task Agreement_is_fleiss_kappa_over_completed_cases()
    {
        var pi = await CallerAsync(StudyRoles.PrincipalInvestigator);
        LesionNature[][] reads =
        [
            [LesionNature.Benign, LesionNature.Benign, LesionNature.Benign],
            [LesionNature.Malignant, LesionNature.Malignant, LesionNature.Malignant],
            [LesionNature.Benign, LesionNature.Benign, LesionNature.Malignant],
        ];
        var readers = await RadiologistsAsync("WCH");
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        for (var i = 0; i < reads.Length; i++)
        {
            var lesion = await CreateLesionAsync(coordinator, participant.Id, BenignConsensusLesion(i + 1));
            await Get<IAdjudicationService>().AssignAsync(coordinator, lesion.Id, readers.Select(r => r.UserId).ToList(), Cancel);
            for (var r = 0; r < 3; r++)
            {
                await ReadAsync(readers[r], reads[i][r], reads[i][r] == LesionNature.Benign ? LiRadsCategory.Lr2 : LiRadsCategory.Lr5);
            }
        }

        var agreement = await Get<IAdjudicationService>().ComputeAgreementAsync(pi, siteId: null, Cancel);

        // Fleiss (1971): P-bar = (1 + 1 + 1/3) / 3 = 7/9; p(benign) = 5/9, p(malignant) = 4/9; P-e = 41/81.
        // kappa = (7/9 - 41/81) / (1 - 41/81) = 22/40 = 0.55.
        Assert.Equal(3, agreement!.Cases);
        Assert.Equal(0.55, agreement.Nature.Kappa!.Value, 12);
    }

    [Fact]
    public async Task Coordinator_gets_no_agreement_figures()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");

        var agreement = await Get<IAdjudicationService>().ComputeAgreementAsync(coordinator, siteId: null, Cancel);

        Assert.Null(agreement);
    }

    private async Task<(StudyCaller Coordinator, LesionDetail Lesion)> ConsensusLesionAsync()
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        return (coordinator, await CreateLesionAsync(coordinator, participant.Id, BenignConsensusLesion()));
    }

    private async Task<(StudyCaller Coordinator, AdjudicationProgress Case, StudyCaller[] Readers)> AssignedCaseAsync()
    {
        var (coordinator, lesion) = await ConsensusLesionAsync();
        var readers = await RadiologistsAsync("WCH");
        var assigned = await Get<IAdjudicationService>().AssignAsync(coordinator, lesion.Id, readers.Select(r => r.UserId).ToList(), Cancel);
        Assert.True(assigned.Succeeded, string.Join("; ", assigned.Errors.Select(e => e.Message)));
        return (coordinator, assigned.Value!, readers);
    }

    /// <summary>Opens and submits the reader's oldest open read; returns its id.</summary>
    private async Task<int> ReadAsync(StudyCaller reader, LesionNature nature, LiRadsCategory category)
    {
        var service = Get<IAdjudicationService>();
        var read = (await service.ListMyReadsAsync(reader, Cancel)).Where(r => r.SubmittedAtUtc is null).OrderBy(r => r.CaseId).First();
        await service.OpenReadAsync(reader, read.ReadId, Cancel);
        var submitted = await service.SubmitReadAsync(reader, read.ReadId, new ReadInput(nature, category, 4), Cancel);
        Assert.True(submitted.Succeeded, string.Join("; ", submitted.Errors.Select(e => e.Message)));
        return read.ReadId;
    }
}

/// <summary>A clock that moves only when <see cref="Advance"/> is called.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
