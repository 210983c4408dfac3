using StudyEdc.Core.Clinical;
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

    /// <summary>
    /// A complete, consistent clinical CRF: hepatitis B with cirrhosis under surveillance, a contrast CT with arterial
    /// (35 s) and portal-venous (70 s) phases and no delayed phase, AFP in ng/mL. Callers vary a value with <c>with</c>.
    /// </summary>
    public static ClinicalCrfInput CompleteClinical(decimal afpNanogramsPerMillilitre) => new()
    {
        HepatitisB = ViralStatus.Positive,
        HepatitisC = ViralStatus.Negative,
        Cirrhosis = true,
        AfpValue = afpNanogramsPerMillilitre,
        AfpUnit = AfpUnit.NanogramsPerMillilitre,
        ReasonForCt = CtIndication.Surveillance,
        ScannerManufacturer = "Siemens",
        ScannerModel = "SOMATOM Force",
        ContrastAgent = "iohexol 350 mgI/mL",
        ContrastDoseMl = 90,
        NonContrastPhaseAcquired = true,
        ArterialPhaseAcquired = true,
        ArterialPhaseDelaySeconds = 35,
        PortalVenousPhaseAcquired = true,
        PortalVenousPhaseDelaySeconds = 70,
        DelayedPhaseAcquired = false,
    };
}
