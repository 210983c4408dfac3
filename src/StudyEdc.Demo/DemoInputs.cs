using StudyEdc.Core.Participants;

namespace StudyEdc.Demo;

/// <summary>Form values that the demo seed and the load test enter.</summary>
public static class DemoInputs
{
    /// <summary>A complete participant CRF that meets every inclusion criterion and no exclusion criterion.</summary>
    public static ParticipantInput EligibleParticipant(int age, Sex sex, DateOnly ctExamDate) => new()
    {
        Age = age,
        Sex = sex,
        CtExamDate = ctExamDate,
        NoPriorLiverTreatment = true,
        ReferenceStandardConfirmed = true,
        PoorImageQuality = false,
        PreviousSurgery = false,
        DetectionBoxMismatch = false,
        ArterialOrPortalPhaseMissing = false,
    };
}
