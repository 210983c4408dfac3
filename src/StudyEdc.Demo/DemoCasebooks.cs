using StudyEdc.Core.Adjudication;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Exclusions;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Queries;
using StudyEdc.Core.ReferenceStandards;
using StudyEdc.Core.Signatures;
using StudyEdc.Core.Verification;

namespace StudyEdc.Demo;

/// <summary>The state the seed brings one participant's casebook to. The participant's number at its site picks it.</summary>
internal enum DemoCasebookStage
{
    /// <summary>Every form complete, source-data verified and signed by the Principal Investigator; a benign lesion concluded by consensus.</summary>
    Signed,

    /// <summary>Forms complete, with lesions proven by pathology and follow-up and a closed query on the age (opened, responded to, closed).</summary>
    QueryClosed,

    /// <summary>Forms in draft with a query still open.</summary>
    QueryOpen,

    /// <summary>A consensus lesion whose three reads are assigned and two of them submitted.</summary>
    ReadsInProgress,

    /// <summary>Excluded from the analysis because consent was withdrawn.</summary>
    Excluded,

    /// <summary>Participant and clinical CRF in draft, nothing else yet.</summary>
    Draft,
}

/// <summary>
/// Writes the demo participants' casebooks through the Core services with the users who would do each step: the
/// coordinator enters, radiologists read, the Monitor queries and verifies, the Principal Investigator records
/// consensus and signs.
/// </summary>
internal sealed class DemoCasebooks(DemoSession session, DemoStaff staff, DateOnly today)
{
    public int Lesions { get; private set; }

    public int Queries { get; private set; }

    public int Exclusions { get; private set; }

    public int Signatures { get; private set; }

    public static DemoCasebookStage StageOf(int numberAtSite) => (DemoCasebookStage)((numberAtSite - 1) % (int)(DemoCasebookStage.Draft + 1));

    /// <summary>Enrols one participant, fills the clinical CRF and returns the participant id.</summary>
    public async Task<int> EnrolAsync(DemoSiteStaff site, int numberAtSite)
    {
        var participant = await session.RunAsync<IParticipantService, ParticipantDetail>($"enrol participant {numberAtSite} at {site.SiteCode}",
            (participants, token) => participants.CreateAsync(site.Coordinator, site.SiteId, ParticipantValues(numberAtSite), token)).ConfigureAwait(false);
        await session.RunAsync<IClinicalCrfService, ClinicalCrfDetail>($"clinical CRF of {participant.StudyId}",
            (clinical, token) => clinical.SaveAsync(site.Coordinator, participant.Id, ClinicalValues(numberAtSite), null, null, token)).ConfigureAwait(false);
        return participant.Id;
    }

    /// <summary>Adds the lesions, reads, queries, exclusions, verification and signature of the participant's stage.</summary>
    public async Task CompleteStageAsync(DemoSiteStaff site, int participantId, int numberAtSite, PhantomLesionLocation? imagedLesion)
    {
        var stage = StageOf(numberAtSite);
        var ctDate = CtExamDate(numberAtSite);
        switch (stage)
        {
            case DemoCasebookStage.Signed:
                await AddLesionAsync(site, participantId, PathologyLesion(1, ctDate, imagedLesion)).ConfigureAwait(false);
                var consensusLesion = await AddLesionAsync(site, participantId, ConsensusLesion(2)).ConfigureAwait(false);
                await AdjudicateAsync(site, consensusLesion, readsToSubmit: DemoOptions.RadiologistsPerSite).ConfigureAwait(false);
                await MoveAllFormsAsync(site.Coordinator, participantId, FormStatus.Complete).ConfigureAwait(false);
                await MoveAllFormsAsync(staff.Monitor, participantId, FormStatus.Verified).ConfigureAwait(false);
                await session.RunAsync<ISignatureService, SignatureView>($"signature of participant {participantId}",
                    (signatures, token) => signatures.SignAsync(staff.PrincipalInvestigator, participantId, staff.PrincipalInvestigatorPassword, token)).ConfigureAwait(false);
                Signatures++;
                break;

            case DemoCasebookStage.QueryClosed:
                await AddLesionAsync(site, participantId, PathologyLesion(1, ctDate, imagedLesion)).ConfigureAwait(false);
                await AddLesionAsync(site, participantId, FollowUpLesion(2, ctDate)).ConfigureAwait(false);
                var query = await OpenAgeQueryAsync(participantId).ConfigureAwait(false);
                var answered = await session.RunAsync<IQueryService, QueryDetail>($"answer query {query.Query.Id}",
                    (queries, token) => queries.RespondAsync(site.Coordinator, query.Query.Id, "Age checked against the hospital record; it is correct.", false, query.Version, token))
                    .ConfigureAwait(false);
                await session.RunAsync<IQueryService, QueryDetail>($"close query {query.Query.Id}",
                    (queries, token) => queries.CloseAsync(staff.Monitor, query.Query.Id, "Confirmed.", answered.Version, token)).ConfigureAwait(false);
                await MoveAllFormsAsync(site.Coordinator, participantId, FormStatus.Complete).ConfigureAwait(false);
                break;

            case DemoCasebookStage.QueryOpen:
                await AddLesionAsync(site, participantId, FollowUpLesion(1, ctDate)).ConfigureAwait(false);
                await OpenAgeQueryAsync(participantId).ConfigureAwait(false);
                break;

            case DemoCasebookStage.ReadsInProgress:
                var pendingLesion = await AddLesionAsync(site, participantId, ConsensusLesion(1)).ConfigureAwait(false);
                await AdjudicateAsync(site, pendingLesion, readsToSubmit: DemoOptions.RadiologistsPerSite - 1).ConfigureAwait(false);
                break;

            case DemoCasebookStage.Excluded:
                await session.RunAsync<IExclusionService, ExclusionDetail>($"exclusion of participant {participantId}",
                    (exclusions, token) => exclusions.RecordAsync(site.Coordinator, participantId,
                        new ExclusionInput(ExclusionCriterion.ConsentWithdrawn, "The participant withdrew consent after the CT.", ctDate.AddDays(20)), token))
                    .ConfigureAwait(false);
                Exclusions++;
                break;

            case DemoCasebookStage.Draft:
                break;
        }
    }

    private async Task<int> AddLesionAsync(DemoSiteStaff site, int participantId, LesionInput input)
    {
        var lesion = await session.RunAsync<ILesionService, LesionDetail>($"lesion {input.LesionNumber} of participant {participantId}",
            (lesions, token) => lesions.CreateAsync(site.Coordinator, participantId, input, token)).ConfigureAwait(false);
        Lesions++;
        return lesion.Id;
    }

    /// <summary>Assigns the site's three radiologists, submits <paramref name="readsToSubmit"/> reads, and records the consensus once all three are in.</summary>
    private async Task AdjudicateAsync(DemoSiteStaff site, int lesionId, int readsToSubmit)
    {
        var readerIds = site.Radiologists.Select(r => r.UserId).ToList();
        var progress = await session.RunAsync<IAdjudicationService, AdjudicationProgress>($"assign readers to lesion {lesionId}",
            (adjudication, token) => adjudication.AssignAsync(site.Coordinator, lesionId, readerIds, token)).ConfigureAwait(false);

        // Readers disagree on the LI-RADS category now and then, so the agreement statistics have something to show.
        LiRadsCategory[] categories = [LiRadsCategory.Lr2, LiRadsCategory.Lr2, LiRadsCategory.Lr3];
        for (var reader = 0; reader < readsToSubmit; reader++)
        {
            var radiologist = site.Radiologists[reader];
            var reads = await session.QueryAsync<IAdjudicationService, IReadOnlyList<ReadTask>>((adjudication, token) => adjudication.ListMyReadsAsync(radiologist, token))
                .ConfigureAwait(false);
            var read = reads.Single(r => r.CaseId == progress.CaseId);
            await session.RunAsync<IAdjudicationService, ReadTask>($"open read {read.ReadId}",
                (adjudication, token) => adjudication.OpenReadAsync(radiologist, read.ReadId, token)).ConfigureAwait(false);
            var input = new ReadInput(LesionNature.Benign, categories[reader % categories.Length], 4 - (reader % 2));
            await session.RunAsync<IAdjudicationService, ReadTask>($"submit read {read.ReadId}",
                (adjudication, token) => adjudication.SubmitReadAsync(radiologist, read.ReadId, input, token)).ConfigureAwait(false);
        }

        if (readsToSubmit < DemoOptions.RadiologistsPerSite)
        {
            return;
        }

        var form = await session.RunAsync<IAdjudicationService, ConsensusForm>($"consensus form of case {progress.CaseId}",
            (adjudication, token) => adjudication.GetConsensusFormAsync(staff.PrincipalInvestigator, progress.CaseId, token)).ConfigureAwait(false);
        await session.RunAsync<IAdjudicationService, ConsensusForm>($"consensus of case {progress.CaseId}",
            (adjudication, token) => adjudication.RecordConsensusAsync(staff.PrincipalInvestigator, progress.CaseId,
                new ConsensusInput(LesionNature.Benign, LiRadsCategory.Lr2, "Typical haemangioma: peripheral nodular enhancement with centripetal fill-in."), form.Version, token))
            .ConfigureAwait(false);
    }

    private async Task<QueryDetail> OpenAgeQueryAsync(int participantId)
    {
        var query = await session.RunAsync<IQueryService, QueryDetail>($"query on participant {participantId}",
            (queries, token) => queries.OpenAsync(staff.Monitor, new NewQuery(CrfForms.ParticipantKey, participantId, nameof(ParticipantInput.Age),
                "The age differs from the one on the CT request form. Please check it."), token)).ConfigureAwait(false);
        Queries++;
        return query;
    }

    /// <summary>Moves every form of the casebook that is below <paramref name="target"/> one step up to it.</summary>
    private async Task MoveAllFormsAsync(StudyCaller caller, int participantId, FormStatus target)
    {
        var forms = await session.QueryAsync<ICrfStatusService, IReadOnlyList<CasebookForm>>((status, token) => status.ListFormsAsync(caller, participantId, token))
            .ConfigureAwait(false);
        foreach (var form in forms.Where(f => f.Status < target))
        {
            await session.RunAsync<ICrfStatusService, CasebookForm>($"{form.FormKey} {form.RecordId} to {target}",
                (status, token) => status.ChangeStatusAsync(caller, form.FormKey, form.RecordId, target, form.Version, null, token)).ConfigureAwait(false);
        }
    }

    private DateOnly CtExamDate(int numberAtSite) => today.AddDays(-400 - (numberAtSite * 9));

    private ParticipantInput ParticipantValues(int numberAtSite) =>
        DemoInputs.EligibleParticipant(42 + ((numberAtSite * 7) % 33), numberAtSite % 3 == 0 ? Sex.Female : Sex.Male, CtExamDate(numberAtSite));

    private static ClinicalCrfInput ClinicalValues(int numberAtSite) => DemoInputs.CompleteClinical(8.5m + (numberAtSite * 31.25m)) with
    {
        HepatitisB = numberAtSite % 4 == 0 ? ViralStatus.Negative : ViralStatus.Positive,
        Cirrhosis = numberAtSite % 2 == 1,
        ReasonForCt = numberAtSite % 2 == 0 ? CtIndication.AbnormalUltrasound : CtIndication.Surveillance,
        ScannerManufacturer = numberAtSite % 2 == 0 ? "GE Healthcare" : "Siemens Healthineers",
        ScannerModel = numberAtSite % 2 == 0 ? "Revolution CT" : "SOMATOM Force",
        ContrastAgent = "Iopromide 370",
    };

    /// <summary>A malignant lesion proven by resection; placed on the phantom's lesion when the participant has an exam.</summary>
    private static LesionInput PathologyLesion(int number, DateOnly ctDate, PhantomLesionLocation? location) => new()
    {
        LesionNumber = number,
        CouinaudSegment = CouinaudSegment.VI,
        LongestDiameterMm = location?.DiameterMm ?? 32.5m,
        SeriesInstanceUid = location?.SeriesInstanceUid,
        FirstSlice = location?.FirstSlice,
        LastSlice = location?.LastSlice,
        BoxX = location?.BoxX,
        BoxY = location?.BoxY,
        BoxWidth = location?.BoxWidth,
        BoxHeight = location?.BoxHeight,
        Nature = LesionNature.Malignant,
        ReferenceStandard = ReferenceStandardMethod.Pathology,
        PathologyType = PathologyType.Hcc,
        SpecimenDate = ctDate.AddDays(12),
        SpecimenMethod = SpecimenMethod.Resection,
    };

    /// <summary>A benign lesion proven by CT and MRI seven months apart.</summary>
    private static LesionInput FollowUpLesion(int number, DateOnly ctDate) => new()
    {
        LesionNumber = number,
        CouinaudSegment = CouinaudSegment.II,
        LongestDiameterMm = 11.0m,
        Nature = LesionNature.Benign,
        ReferenceStandard = ReferenceStandardMethod.FollowUp,
        FollowUpModality1 = ImagingModality.Ct,
        FollowUpDate1 = ctDate.AddDays(30),
        FollowUpModality2 = ImagingModality.Mri,
        FollowUpDate2 = ctDate.AddDays(30).AddMonths(7),
        FollowUpOutcome = FollowUpOutcome.Stable,
    };

    private static LesionInput ConsensusLesion(int number) => new()
    {
        LesionNumber = number,
        CouinaudSegment = CouinaudSegment.VII,
        LongestDiameterMm = 18.0m,
        Nature = LesionNature.Benign,
        ReferenceStandard = ReferenceStandardMethod.Consensus,
    };
}
