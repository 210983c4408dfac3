namespace StudyEdc.Core.Participants;

/// <summary>
/// The protocol's eligibility decision, derived on the server from the CRF answers. Inclusion: age 18 to 80
/// (the registered range), no liver resection, TACE or RFA before the CT, and a lesion confirmed by the
/// reference standard. Exclusion: poor image quality, previous surgery, a detection box that does not match the
/// lesion, a missing arterial or portal-venous phase.
/// </summary>
public static class EligibilityRules
{
    public const int MinimumAge = 18;
    public const int MaximumAge = 80;

    /// <summary>
    /// Returns Ineligible with every reason as soon as one criterion fails, even while other answers are
    /// missing; Undetermined when nothing fails yet but an answer is missing; otherwise Eligible.
    /// </summary>
    public static (EligibilityStatus Status, IReadOnlyList<string> Reasons) Evaluate(ParticipantInput input)
    {
        ArgumentNullException.ThrowIfNull(input);

        var reasons = new List<string>();
        if (input.Age is < MinimumAge or > MaximumAge)
        {
            reasons.Add(IneligibilityReason.AgeOutOfRange);
        }

        AddIf(reasons, input.NoPriorLiverTreatment == false, IneligibilityReason.PriorLiverTreatment);
        AddIf(reasons, input.ReferenceStandardConfirmed == false, IneligibilityReason.ReferenceStandardNotConfirmed);
        AddIf(reasons, input.PoorImageQuality == true, IneligibilityReason.PoorImageQuality);
        AddIf(reasons, input.PreviousSurgery == true, IneligibilityReason.PreviousSurgery);
        AddIf(reasons, input.DetectionBoxMismatch == true, IneligibilityReason.DetectionBoxMismatch);
        AddIf(reasons, input.ArterialOrPortalPhaseMissing == true, IneligibilityReason.PhaseMissing);

        if (reasons.Count > 0)
        {
            return (EligibilityStatus.Ineligible, reasons);
        }

        var anyMissing = input.Age is null
            || input.NoPriorLiverTreatment is null
            || input.ReferenceStandardConfirmed is null
            || input.PoorImageQuality is null
            || input.PreviousSurgery is null
            || input.DetectionBoxMismatch is null
            || input.ArterialOrPortalPhaseMissing is null;
        return (anyMissing ? EligibilityStatus.Undetermined : EligibilityStatus.Eligible, reasons);
    }

    private static void AddIf(List<string> reasons, bool condition, string code)
    {
        if (condition)
        {
            reasons.Add(code);
        }
    }
}
