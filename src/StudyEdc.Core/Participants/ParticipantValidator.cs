using System.Globalization;
using StudyEdc.Core.Resources;

namespace StudyEdc.Core.Participants;

/// <summary>Field and completeness rules of the participant CRF; messages name the field, the value and the fix.</summary>
internal static class ParticipantValidator
{
    public const int MinimumPlausibleAge = 0;
    public const int MaximumPlausibleAge = 120;

    /// <summary>CT exams before this date are taken as typing errors in the year.</summary>
    public static readonly DateOnly EarliestCtExamDate = new(2000, 1, 1);

    public static List<ValidationError> ValidateFields(ParticipantInput input, DateOnly todayAtSite)
    {
        var errors = new List<ValidationError>();
        if (input.Age is < MinimumPlausibleAge or > MaximumPlausibleAge)
        {
            errors.Add(new(nameof(ParticipantInput.Age), "AgeImplausible", CoreMessages.Format("AgeImplausible", input.Age.Value)));
        }

        if (input.Sex is { } sex && !Enum.IsDefined(sex))
        {
            var allowed = string.Join(", ", Enum.GetValues<Sex>().Select(s => CoreMessages.Get("Sex_" + s)));
            errors.Add(new(nameof(ParticipantInput.Sex), "ValueNotAllowed",
                CoreMessages.Format("ValueNotAllowed", CoreMessages.FieldLabel(nameof(ParticipantInput.Sex)), sex.ToString(), allowed)));
        }

        if (input.CtExamDate is { } examDate)
        {
            if (examDate > todayAtSite)
            {
                errors.Add(new(nameof(ParticipantInput.CtExamDate), "CtExamDateInFuture",
                    CoreMessages.Format("CtExamDateInFuture", FormatDate(examDate), FormatDate(todayAtSite))));
            }
            else if (examDate < EarliestCtExamDate)
            {
                errors.Add(new(nameof(ParticipantInput.CtExamDate), "CtExamDateTooEarly",
                    CoreMessages.Format("CtExamDateTooEarly", FormatDate(examDate), FormatDate(EarliestCtExamDate))));
            }
        }

        return errors;
    }

    /// <summary>
    /// Checks the fields a participant needs before it exists and takes a Study ID. The age decides eligibility
    /// (the registered range is 18 to 80 years), and the CT exam date fixes which exam the casebook describes: the
    /// lesion reference-standard checks (specimen and follow-up dates) and the de-identified exports, which give
    /// dates as days from the CT, refer to it. Without them an empty form would use up a Study ID. The other fields
    /// may follow while the form is a draft, and the draft of unsaved input is stored separately, so it saves
    /// without these fields.
    /// </summary>
    public static List<ValidationError> ValidateForEnrolment(ParticipantInput input)
    {
        var missing = new List<string>();
        AddIfMissing(missing, input.Age, nameof(ParticipantInput.Age));
        AddIfMissing(missing, input.CtExamDate, nameof(ParticipantInput.CtExamDate));
        return MissingFieldErrors(missing, "FieldRequiredToEnrol");
    }

    /// <summary>Every field must be answered before a form is complete (and while it stays complete or verified).</summary>
    public static List<ValidationError> ValidateComplete(ParticipantInput input)
    {
        var missing = new List<string>();
        AddIfMissing(missing, input.Age, nameof(ParticipantInput.Age));
        AddIfMissing(missing, input.Sex, nameof(ParticipantInput.Sex));
        AddIfMissing(missing, input.CtExamDate, nameof(ParticipantInput.CtExamDate));
        AddIfMissing(missing, input.NoPriorLiverTreatment, nameof(ParticipantInput.NoPriorLiverTreatment));
        AddIfMissing(missing, input.ReferenceStandardConfirmed, nameof(ParticipantInput.ReferenceStandardConfirmed));
        AddIfMissing(missing, input.PoorImageQuality, nameof(ParticipantInput.PoorImageQuality));
        AddIfMissing(missing, input.PreviousSurgery, nameof(ParticipantInput.PreviousSurgery));
        AddIfMissing(missing, input.DetectionBoxMismatch, nameof(ParticipantInput.DetectionBoxMismatch));
        AddIfMissing(missing, input.ArterialOrPortalPhaseMissing, nameof(ParticipantInput.ArterialOrPortalPhaseMissing));
        return MissingFieldErrors(missing, "FieldRequiredToComplete");
    }

    /// <summary>ISO 8601 dates in messages, the same in every UI culture.</summary>
    public static string FormatDate(DateOnly date) => date.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);

    // One error per missing field; the message of the code names the field's label.
    private static List<ValidationError> MissingFieldErrors(List<string> missing, string code) => missing
        .Select(field => new ValidationError(field, code, CoreMessages.Format(code, CoreMessages.FieldLabel(field))))
        .ToList();

    private static void AddIfMissing<T>(List<string> missing, T? value, string field)
        where T : struct
    {
        if (value is null)
        {
            missing.Add(field);
        }
    }
}
