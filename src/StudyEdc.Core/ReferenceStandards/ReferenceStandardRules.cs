using StudyEdc.Core.Forms;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Resources;

namespace StudyEdc.Core.ReferenceStandards;

/// <summary>State of a lesion's three-radiologist consensus, for the consensus rule.</summary>
public enum ConsensusState
{
    /// <summary>No adjudication case exists for the lesion.</summary>
    NotStarted,

    /// <summary>Readers are assigned but the consensus is not recorded yet.</summary>
    Pending,
    Benign,
    Malignant,
}

/// <summary>Facts from outside the lesion record that the reference-standard rules need.</summary>
internal sealed record ReferenceStandardContext(DateOnly? CtExamDate, DateOnly TodayAtSite, ConsensusState Consensus);

/// <summary>
/// The protocol's reference standard. A malignant lesion is proven by pathology (type, specimen date, biopsy or
/// resection). A benign lesion is proven by three-radiologist consensus, or by follow-up with two different
/// imaging modalities at least six months apart showing it stable, shrinking or resolved. A single modality or a
/// shorter follow-up is rejected whenever both values are present, also in a draft.
/// </summary>
public static class ReferenceStandardRules
{
    /// <summary>Minimum time between the two follow-up exams, in calendar months.</summary>
    public const int FollowUpMinimumMonths = 6;

    private static readonly string[] PathologyFields =
        [nameof(Lesion.PathologyType), nameof(Lesion.PathologyTypeOther), nameof(Lesion.SpecimenDate), nameof(Lesion.SpecimenMethod)];

    private static readonly string[] FollowUpFields =
    [
        nameof(Lesion.FollowUpModality1), nameof(Lesion.FollowUpDate1), nameof(Lesion.FollowUpModality2),
        nameof(Lesion.FollowUpDate2), nameof(Lesion.FollowUpOutcome),
    ];

    /// <summary>
    /// True when the specimen was taken more than <paramref name="windowDays"/> days before the CT: the record is
    /// accepted, and an automatic query asks the site to confirm that the pathology belongs to this lesion.
    /// </summary>
    public static bool SpecimenTooLongBeforeCt(DateOnly? specimenDate, DateOnly? ctExamDate, int windowDays) =>
        specimenDate is { } specimen && ctExamDate is { } ct && specimen < ct.AddDays(-windowDays);

    internal static List<ValidationError> Validate(Lesion lesion, ReferenceStandardContext context, bool completing)
    {
        var form = CrfForms.Lesion;
        var errors = new List<ValidationError>();
        var method = lesion.ReferenceStandard;

        // The method must suit the nature.
        if (lesion.Nature == LesionNature.Malignant && method is not null and not ReferenceStandardMethod.Pathology)
        {
            errors.Add(new(nameof(Lesion.ReferenceStandard), "MalignantNeedsPathology",
                CrfMessages.Format("MalignantNeedsPathology", CrfMessages.Choice(method.Value))));
        }
        else if (lesion.Nature == LesionNature.Benign && method == ReferenceStandardMethod.Pathology)
        {
            errors.Add(new(nameof(Lesion.ReferenceStandard), "BenignNeedsConsensusOrFollowUp",
                CrfMessages.Get("BenignNeedsConsensusOrFollowUp")));
        }

        // Fields of the other methods stay empty.
        var methodText = CrfMessages.Label(form, nameof(Lesion.ReferenceStandard));
        if (method != ReferenceStandardMethod.Pathology)
        {
            errors.AddRange(Present(lesion, PathologyFields).Select(f => FieldRules.NotApplicable(form, f,
                CrfMessages.Format("UnlessChoiceIs", methodText, CrfMessages.Choice(ReferenceStandardMethod.Pathology)))));
        }

        if (method != ReferenceStandardMethod.FollowUp)
        {
            errors.AddRange(Present(lesion, FollowUpFields).Select(f => FieldRules.NotApplicable(form, f,
                CrfMessages.Format("UnlessChoiceIs", methodText, CrfMessages.Choice(ReferenceStandardMethod.FollowUp)))));
        }

        switch (method)
        {
            case ReferenceStandardMethod.Pathology:
                ValidatePathology(lesion, context, completing, errors);
                break;
            case ReferenceStandardMethod.FollowUp:
                ValidateFollowUp(lesion, context, completing, errors);
                break;
            case ReferenceStandardMethod.Consensus when completing:
                ValidateConsensus(lesion, context, errors);
                break;
        }

        return errors;
    }

    private static void ValidatePathology(Lesion lesion, ReferenceStandardContext context, bool completing, List<ValidationError> errors)
    {
        var form = CrfForms.Lesion;
        var when = CrfMessages.Format("WhenChoiceIs", CrfMessages.Label(form, nameof(Lesion.ReferenceStandard)), CrfMessages.Choice(ReferenceStandardMethod.Pathology));
        if (completing)
        {
            AddIfMissing(errors, form, lesion.PathologyType, nameof(Lesion.PathologyType), when);
            AddIfMissing(errors, form, lesion.SpecimenDate, nameof(Lesion.SpecimenDate), when);
            AddIfMissing(errors, form, lesion.SpecimenMethod, nameof(Lesion.SpecimenMethod), when);
            if (lesion.PathologyType == PathologyType.Other && string.IsNullOrWhiteSpace(lesion.PathologyTypeOther))
            {
                errors.Add(FieldRules.Required(form, nameof(Lesion.PathologyTypeOther),
                    CrfMessages.Format("WhenChoiceIs", CrfMessages.Label(form, nameof(Lesion.PathologyType)), CrfMessages.Choice(PathologyType.Other))));
            }
        }

        if (lesion.PathologyType != PathologyType.Other && !string.IsNullOrWhiteSpace(lesion.PathologyTypeOther))
        {
            errors.Add(FieldRules.NotApplicable(form, nameof(Lesion.PathologyTypeOther),
                CrfMessages.Format("UnlessChoiceIs", CrfMessages.Label(form, nameof(Lesion.PathologyType)), CrfMessages.Choice(PathologyType.Other))));
        }

        if (lesion.SpecimenDate is { } specimen && specimen > context.TodayAtSite)
        {
            errors.Add(DateInFuture(nameof(Lesion.SpecimenDate), specimen, context.TodayAtSite));
        }
    }

    private static void ValidateFollowUp(Lesion lesion, ReferenceStandardContext context, bool completing, List<ValidationError> errors)
    {
        var form = CrfForms.Lesion;
        if (completing)
        {
            var when = CrfMessages.Format("WhenChoiceIs", CrfMessages.Label(form, nameof(Lesion.ReferenceStandard)), CrfMessages.Choice(ReferenceStandardMethod.FollowUp));
            AddIfMissing(errors, form, lesion.FollowUpModality1, nameof(Lesion.FollowUpModality1), when);
            AddIfMissing(errors, form, lesion.FollowUpDate1, nameof(Lesion.FollowUpDate1), when);
            AddIfMissing(errors, form, lesion.FollowUpModality2, nameof(Lesion.FollowUpModality2), when);
            AddIfMissing(errors, form, lesion.FollowUpDate2, nameof(Lesion.FollowUpDate2), when);
            AddIfMissing(errors, form, lesion.FollowUpOutcome, nameof(Lesion.FollowUpOutcome), when);
        }

        // Two different modalities.
        if (lesion.FollowUpModality1 is { } first && lesion.FollowUpModality2 is { } second && first == second)
        {
            errors.Add(new(nameof(Lesion.FollowUpModality2), "FollowUpSingleModality",
                CrfMessages.Format("FollowUpSingleModality", CrfMessages.Choice(first))));
        }

        // Each exam on or after the CT and not in the future.
        foreach (var (date, field) in new[] { (lesion.FollowUpDate1, nameof(Lesion.FollowUpDate1)), (lesion.FollowUpDate2, nameof(Lesion.FollowUpDate2)) })
        {
            if (date is not { } exam)
            {
                continue;
            }

            if (exam > context.TodayAtSite)
            {
                errors.Add(DateInFuture(field, exam, context.TodayAtSite));
            }
            else if (context.CtExamDate is { } ct && exam < ct)
            {
                errors.Add(new(field, "FollowUpBeforeCt", CrfMessages.Format("FollowUpBeforeCt", CrfMessages.Label(form, field), CrfMessages.Date(exam), CrfMessages.Date(ct))));
            }
        }

        // At least six calendar months between the two exams, in either order.
        if (lesion.FollowUpDate1 is { } date1 && lesion.FollowUpDate2 is { } date2)
        {
            var (earlier, later) = date1 <= date2 ? (date1, date2) : (date2, date1);
            if (later < earlier.AddMonths(FollowUpMinimumMonths))
            {
                errors.Add(new(nameof(Lesion.FollowUpDate2), "FollowUpTooShort", CrfMessages.Format("FollowUpTooShort",
                    CrfMessages.Date(earlier), CrfMessages.Date(later), later.DayNumber - earlier.DayNumber, FollowUpMinimumMonths,
                    CrfMessages.Date(earlier.AddMonths(FollowUpMinimumMonths)))));
            }
        }
    }

    private static void ValidateConsensus(Lesion lesion, ReferenceStandardContext context, List<ValidationError> errors)
    {
        switch (context.Consensus)
        {
            case ConsensusState.NotStarted or ConsensusState.Pending:
                errors.Add(new(nameof(Lesion.ReferenceStandard), "ConsensusPending", CrfMessages.Get("ConsensusPending")));
                break;
            case ConsensusState.Malignant when lesion.Nature == LesionNature.Benign:
                errors.Add(new(nameof(Lesion.Nature), "ConsensusFoundMalignant", CrfMessages.Get("ConsensusFoundMalignant")));
                break;
        }
    }

    private static IEnumerable<string> Present(Lesion lesion, IEnumerable<string> fields) =>
        fields.Where(f => FieldRules.Field(CrfForms.Lesion, f).Property.GetValue(lesion) is not null);

    private static void AddIfMissing<T>(List<ValidationError> errors, FormDefinition form, T? value, string field, string when)
        where T : struct
    {
        if (value is null)
        {
            errors.Add(FieldRules.Required(form, field, when));
        }
    }

    private static ValidationError DateInFuture(string field, DateOnly date, DateOnly today) =>
        new(field, "DateInFuture", CrfMessages.Format("DateInFuture", CrfMessages.Label(CrfForms.Lesion, field), CrfMessages.Date(date), CrfMessages.Date(today)));
}
