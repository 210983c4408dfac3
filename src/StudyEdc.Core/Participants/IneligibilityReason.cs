namespace StudyEdc.Core.Participants;

/// <summary>
/// Codes stored in <see cref="Participant.IneligibilityReasons"/>: one per unmet inclusion criterion or met
/// exclusion criterion. <see cref="Resources.CoreMessages.IneligibilityReasonText"/> describes each.
/// </summary>
public static class IneligibilityReason
{
    // Inclusion criteria that are not met.
    public const string AgeOutOfRange = "AgeOutOfRange";
    public const string PriorLiverTreatment = "PriorLiverTreatment";
    public const string ReferenceStandardNotConfirmed = "ReferenceStandardNotConfirmed";

    // Exclusion criteria that are met.
    public const string PoorImageQuality = "PoorImageQuality";
    public const string PreviousSurgery = "PreviousSurgery";
    public const string DetectionBoxMismatch = "DetectionBoxMismatch";
    public const string PhaseMissing = "PhaseMissing";
}
