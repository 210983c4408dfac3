using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Participants;
using StudyEdc.Core.ReferenceStandards;
using StudyEdc.Core.Tests.Infrastructure;
using StudyEdc.Demo;

namespace StudyEdc.Core.Tests.Forms;

/// <summary>
/// A fresh SQLite study database per test, with builders for casebook data: an enrolled participant (CT on
/// 2024-03-18), valid clinical and lesion inputs, and users of each role.
/// </summary>
public abstract class CasebookTestBase : SqliteTestBase
{
    public static readonly DateOnly CtDate = new(2024, 3, 18);

    public const string PiPassword = "Signing-Pa55word!";

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected T Get<T>()
        where T : notnull => Database.Get<T>();

    protected Task<StudyCaller> CallerAsync(string role, string? siteCode = null) => Database.CreateCallerAsync(role, siteCode);

    /// <summary>Enrols an eligible participant at <paramref name="coordinator"/>'s site and completes the participant form.</summary>
    protected async Task<ParticipantDetail> EnrolAsync(StudyCaller coordinator, bool complete = true)
    {
        var participants = Get<IParticipantService>();
        var created = (await participants.CreateAsync(coordinator, coordinator.SiteId!.Value, ParticipantInputs.Eligible(), Cancel)).Value!;
        return complete
            ? (await participants.ChangeStatusAsync(coordinator, created.Id, FormStatus.Complete, created.Version, null, Cancel)).Value!
            : created;
    }

    /// <summary>A Principal Investigator with a sign-in password, created through Identity like a real user.</summary>
    protected async Task<StudyCaller> PrincipalInvestigatorWithPasswordAsync()
    {
        using var scope = Database.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StudyUser>>();
        var userName = "pi-" + Guid.NewGuid().ToString("N")[..8];
        var user = new StudyUser { UserName = userName, DisplayName = "Li Wei" };
        var created = await users.CreateAsync(user, PiPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, StudyRoles.PrincipalInvestigator);
        return new StudyCaller(user.Id, userName, new HashSet<string>([StudyRoles.PrincipalInvestigator], StringComparer.Ordinal), null);
    }

    /// <summary>Every clinical field answered consistently, in ng/mL.</summary>
    internal static ClinicalCrfInput ClinicalInput() =>
        DemoInputs.CompleteClinical(412.5m) with { DelayedPhaseAcquired = true, DelayedPhaseDelaySeconds = 180 };

    /// <summary>An HCC proven by resection a week after the CT.</summary>
    internal static LesionInput MalignantLesion(int number = 1) => new()
    {
        LesionNumber = number,
        CouinaudSegment = CouinaudSegment.VII,
        LongestDiameterMm = 32.5m,
        SeriesInstanceUid = "1.2.826.0.1.3680043.8.498.1",
        FirstSlice = 40,
        LastSlice = 52,
        BoxX = 210,
        BoxY = 180,
        BoxWidth = 64,
        BoxHeight = 58,
        Nature = LesionNature.Malignant,
        ReferenceStandard = ReferenceStandardMethod.Pathology,
        PathologyType = PathologyType.Hcc,
        SpecimenDate = CtDate.AddDays(7),
        SpecimenMethod = SpecimenMethod.Resection,
    };

    /// <summary>A haemangioma followed from the CT with MRI seven months later.</summary>
    internal static LesionInput BenignFollowUpLesion(int number = 1) => new()
    {
        LesionNumber = number,
        CouinaudSegment = CouinaudSegment.IV,
        LongestDiameterMm = 12m,
        Nature = LesionNature.Benign,
        ReferenceStandard = ReferenceStandardMethod.FollowUp,
        FollowUpModality1 = ImagingModality.Ct,
        FollowUpDate1 = CtDate,
        FollowUpModality2 = ImagingModality.Mri,
        FollowUpDate2 = CtDate.AddMonths(7),
        FollowUpOutcome = FollowUpOutcome.Stable,
    };

    /// <summary>A benign lesion to be proven by three-radiologist consensus.</summary>
    internal static LesionInput BenignConsensusLesion(int number = 1) => new()
    {
        LesionNumber = number,
        CouinaudSegment = CouinaudSegment.II,
        LongestDiameterMm = 15m,
        Nature = LesionNature.Benign,
        ReferenceStandard = ReferenceStandardMethod.Consensus,
    };

    protected async Task<LesionDetail> CreateLesionAsync(StudyCaller coordinator, int participantId, LesionInput input)
    {
        var result = await Get<ILesionService>().CreateAsync(coordinator, participantId, input, Cancel);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Value!;
    }

    /// <summary>Three radiologists of <paramref name="siteCode"/>.</summary>
    protected async Task<StudyCaller[]> RadiologistsAsync(string siteCode) =>
    [
        await CallerAsync(StudyRoles.Radiologist, siteCode),
        await CallerAsync(StudyRoles.Radiologist, siteCode),
        await CallerAsync(StudyRoles.Radiologist, siteCode),
    ];

    /// <summary>Counts the audit entries of one record type and id.</summary>
    protected async Task<int> AuditCountAsync(string entityType, int entityId)
    {
        var id = entityId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await Database.NewContext().AuditEntries.CountAsync(a => a.EntityType == entityType && a.EntityId == id, Cancel);
    }
}
