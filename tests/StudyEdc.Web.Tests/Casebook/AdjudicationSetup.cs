using StudyEdc.Core;
using StudyEdc.Core.Adjudication;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Participants;
using StudyEdc.Core.ReferenceStandards;
using StudyEdc.Core.Verification;
using StudyEdc.Demo;
using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Casebook;

/// <summary>
/// Builders for the review-page tests, through Core as the bootstrap administrator: a complete participant form, a
/// casebook ready to sign, and a benign consensus lesion with its readers and their reads.
/// </summary>
internal static class AdjudicationSetup
{
    private static readonly DateOnly CtDate = new(2024, 3, 18);

    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    /// <summary>Enrols an eligible participant at the site and completes the participant form; returns the participant id.</summary>
    public static async Task<int> CompleteParticipantAsync(IServiceProvider services, int siteId)
    {
        var admin = await StudyFixtures.AdministratorAsync(services);
        var participants = services.GetRequiredService<IParticipantService>();
        var created = Succeeded(await participants.CreateAsync(admin, siteId, DemoInputs.EligibleParticipant(62, Sex.Male, CtDate), Cancel));
        Succeeded(await participants.ChangeStatusAsync(admin, created.Id, FormStatus.Complete, created.Version, null, Cancel));
        return created.Id;
    }

    /// <summary>
    /// Completes a casebook that a Principal Investigator can sign: the participant form, the clinical CRF and one
    /// benign lesion proven by CT and MRI follow-up. Returns the participant id.
    /// </summary>
    public static async Task<int> ReadyCasebookAsync(IServiceProvider services, int siteId)
    {
        var admin = await StudyFixtures.AdministratorAsync(services);
        var participantId = await CompleteParticipantAsync(services, siteId);
        var status = services.GetRequiredService<ICrfStatusService>();

        var clinical = Succeeded(await services.GetRequiredService<IClinicalCrfService>().SaveAsync(admin, participantId, DemoInputs.CompleteClinical(4.1m) with { HepatitisB = ViralStatus.Negative, Cirrhosis = false }, null, null, Cancel));
        Succeeded(await status.ChangeStatusAsync(admin, CrfForms.ClinicalKey, clinical.Id, FormStatus.Complete, clinical.Version, null, Cancel));

        var lesion = Succeeded(await services.GetRequiredService<ILesionService>().CreateAsync(admin, participantId, new LesionInput
        {
            LesionNumber = 1,
            CouinaudSegment = CouinaudSegment.VI,
            LongestDiameterMm = 11m,
            Nature = LesionNature.Benign,
            ReferenceStandard = ReferenceStandardMethod.FollowUp,
            FollowUpModality1 = ImagingModality.Ct,
            FollowUpDate1 = CtDate,
            FollowUpModality2 = ImagingModality.Mri,
            FollowUpDate2 = CtDate.AddMonths(8),
            FollowUpOutcome = FollowUpOutcome.Stable,
        }, Cancel));
        Succeeded(await status.ChangeStatusAsync(admin, CrfForms.LesionKey, lesion.Id, FormStatus.Complete, lesion.Version, null, Cancel));
        return participantId;
    }

    /// <summary>Creates three radiologists of the site, named with <paramref name="prefix"/>.</summary>
    public static async Task<StudyCaller[]> RadiologistsAsync(IServiceProvider services, string prefix, int siteId) =>
    [
        await StudyFixtures.CreateUserAsync(services, $"{prefix}.reader1", StudyRoles.Radiologist, siteId),
        await StudyFixtures.CreateUserAsync(services, $"{prefix}.reader2", StudyRoles.Radiologist, siteId),
        await StudyFixtures.CreateUserAsync(services, $"{prefix}.reader3", StudyRoles.Radiologist, siteId),
    ];

    /// <summary>Enrols a participant at the site with one benign lesion (number 1) proven by consensus.</summary>
    public static async Task<LesionDetail> ConsensusLesionAsync(IServiceProvider services, int siteId)
    {
        var admin = await StudyFixtures.AdministratorAsync(services);
        var participant = await StudyFixtures.EnrolAsync(services, siteId, age: 49);
        var lesion = await services.GetRequiredService<ILesionService>().CreateAsync(admin, participant.Id, new LesionInput
        {
            LesionNumber = 1,
            CouinaudSegment = CouinaudSegment.IV,
            LongestDiameterMm = 18m,
            Nature = LesionNature.Benign,
            ReferenceStandard = ReferenceStandardMethod.Consensus,
        }, Cancel);
        Assert.True(lesion.Succeeded, string.Join("; ", lesion.Errors.Select(e => e.Message)));
        return lesion.Value!;
    }

    /// <summary>Assigns the readers to the lesion, lets each submit a benign read, and returns the case id.</summary>
    public static async Task<int> ThreeReadsAsync(IServiceProvider services, LesionDetail lesion, StudyCaller[] readers)
    {
        var admin = await StudyFixtures.AdministratorAsync(services);
        var adjudication = services.GetRequiredService<IAdjudicationService>();
        var assigned = await adjudication.AssignAsync(admin, lesion.Id, [.. readers.Select(r => r.UserId)], Cancel);
        Assert.True(assigned.Succeeded, string.Join("; ", assigned.Errors.Select(e => e.Message)));

        LiRadsCategory[] categories = [LiRadsCategory.Lr2, LiRadsCategory.Lr2, LiRadsCategory.Lr3];
        for (var i = 0; i < readers.Length; i++)
        {
            var read = Assert.Single(await adjudication.ListMyReadsAsync(readers[i], Cancel));
            await adjudication.OpenReadAsync(readers[i], read.ReadId, Cancel);
            var submitted = await adjudication.SubmitReadAsync(readers[i], read.ReadId, new ReadInput(LesionNature.Benign, categories[i], 4), Cancel);
            Assert.True(submitted.Succeeded, string.Join("; ", submitted.Errors.Select(e => e.Message)));
        }

        return assigned.Value!.CaseId;
    }

    private static T Succeeded<T>(ServiceResult<T> result)
    {
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return result.Value!;
    }
}
