using StudyEdc.Core.Participants;

namespace StudyEdc.Core.Tests.Infrastructure;

/// <summary>Participant CRF inputs for tests; vary them with `with { … }`.</summary>
public static class ParticipantInputs
{
    /// <summary>Every field answered, every criterion in favour: eligible, ready to complete.</summary>
    public static ParticipantInput Eligible() => new()
    {
        Age = 56,
        Sex = Sex.Female,
        CtExamDate = new DateOnly(2024, 3, 18),
        NoPriorLiverTreatment = true,
        ReferenceStandardConfirmed = true,
        PoorImageQuality = false,
        PreviousSurgery = false,
        DetectionBoxMismatch = false,
        ArterialOrPortalPhaseMissing = false,
    };

    /// <summary>Only the demographics and the CT exam date typed in so far: enough to enrol, not to complete.</summary>
    public static ParticipantInput Partial() => new() { Age = 63, Sex = Sex.Male, CtExamDate = new DateOnly(2024, 3, 18) };
}
