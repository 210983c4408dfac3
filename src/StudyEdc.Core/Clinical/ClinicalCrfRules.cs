using System.Globalization;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Resources;

namespace StudyEdc.Core.Clinical;

/// <summary>Field and cross-field rules of the clinical CRF; messages name the field, the value and the fix.</summary>
internal static class ClinicalCrfRules
{
    /// <summary>Conversion factor of the WHO AFP standard (72/225): 1 IU/mL = 1.21 ng/mL.</summary>
    public const decimal NanogramsPerInternationalUnit = 1.21m;

    /// <summary>Returns AFP in ng/mL, or null when no value or no unit is given.</summary>
    public static decimal? ToNanogramsPerMillilitre(decimal? value, AfpUnit? unit) => (value, unit) switch
    {
        (null, _) or (_, null) => null,
        (var v, AfpUnit.InternationalUnitsPerMillilitre) => decimal.Round(v.Value * NanogramsPerInternationalUnit, 3),
        (var v, _) => v,
    };

    public static List<ValidationError> Validate(ClinicalCrf crf, bool completing)
    {
        var form = CrfForms.Clinical;
        var errors = FieldRules.Validate(form, crf, completing);

        // AFP: a value needs its unit and a unit its value; the converted value must be plausible.
        if (crf.AfpValue is not null && crf.AfpUnit is null)
        {
            errors.Add(FieldRules.Required(form, nameof(ClinicalCrf.AfpUnit), CrfMessages.Get("WhenAfpValueGiven")));
        }
        else if (crf.AfpValue is null && crf.AfpUnit is not null)
        {
            errors.Add(FieldRules.Required(form, nameof(ClinicalCrf.AfpValue), CrfMessages.Get("WhenAfpUnitGiven")));
        }
        else if (crf.AfpNgPerMl is { } afp && FieldRules.Field(form, nameof(ClinicalCrf.AfpNgPerMl)).Maximum is { } maximum && (double)afp > maximum)
        {
            errors.Add(new ValidationError(nameof(ClinicalCrf.AfpValue), "AfpImplausible",
                CrfMessages.Format("AfpImplausible", crf.AfpValue!.Value.ToString("0.###", CultureInfo.CurrentCulture), CrfMessages.Choice(crf.AfpUnit!.Value),
                    afp.ToString("0.###", CultureInfo.CurrentCulture), maximum)));
        }

        // Reason for CT: free text only with "Other".
        if (crf.ReasonForCt == CtIndication.Other && string.IsNullOrWhiteSpace(crf.ReasonForCtOther) && completing)
        {
            errors.Add(FieldRules.Required(form, nameof(ClinicalCrf.ReasonForCtOther), CrfMessages.Format("WhenChoiceIs", CrfMessages.Label(form, nameof(ClinicalCrf.ReasonForCt)), CrfMessages.Choice(CtIndication.Other))));
        }
        else if (crf.ReasonForCt != CtIndication.Other && !string.IsNullOrWhiteSpace(crf.ReasonForCtOther))
        {
            errors.Add(FieldRules.NotApplicable(form, nameof(ClinicalCrf.ReasonForCtOther), CrfMessages.Format("UnlessChoiceIs", CrfMessages.Label(form, nameof(ClinicalCrf.ReasonForCt)), CrfMessages.Choice(CtIndication.Other))));
        }

        // Phases: a delay exactly when the phase was acquired, and the delays in acquisition order.
        CheckPhase(errors, form, crf.ArterialPhaseAcquired, crf.ArterialPhaseDelaySeconds, nameof(ClinicalCrf.ArterialPhaseAcquired), nameof(ClinicalCrf.ArterialPhaseDelaySeconds), completing);
        CheckPhase(errors, form, crf.PortalVenousPhaseAcquired, crf.PortalVenousPhaseDelaySeconds, nameof(ClinicalCrf.PortalVenousPhaseAcquired), nameof(ClinicalCrf.PortalVenousPhaseDelaySeconds), completing);
        CheckPhase(errors, form, crf.DelayedPhaseAcquired, crf.DelayedPhaseDelaySeconds, nameof(ClinicalCrf.DelayedPhaseAcquired), nameof(ClinicalCrf.DelayedPhaseDelaySeconds), completing);
        CheckOrder(errors, form, crf.ArterialPhaseDelaySeconds, crf.PortalVenousPhaseDelaySeconds, nameof(ClinicalCrf.ArterialPhaseDelaySeconds), nameof(ClinicalCrf.PortalVenousPhaseDelaySeconds));
        CheckOrder(errors, form, crf.PortalVenousPhaseDelaySeconds, crf.DelayedPhaseDelaySeconds, nameof(ClinicalCrf.PortalVenousPhaseDelaySeconds), nameof(ClinicalCrf.DelayedPhaseDelaySeconds));

        return errors;
    }

    private static void CheckPhase(List<ValidationError> errors, FormDefinition form, bool? acquired, int? delay, string acquiredField, string delayField, bool completing)
    {
        if (acquired == true && delay is null && completing)
        {
            errors.Add(FieldRules.Required(form, delayField, CrfMessages.Format("WhenYes", CrfMessages.Label(form, acquiredField))));
        }
        else if (acquired != true && delay is not null)
        {
            errors.Add(FieldRules.NotApplicable(form, delayField, CrfMessages.Format("UnlessYes", CrfMessages.Label(form, acquiredField))));
        }
    }

    private static void CheckOrder(List<ValidationError> errors, FormDefinition form, int? earlier, int? later, string earlierField, string laterField)
    {
        if (earlier is { } first && later is { } second && first >= second)
        {
            errors.Add(new ValidationError(laterField, "PhaseOrder", CrfMessages.Format("PhaseOrder",
                CrfMessages.Label(form, laterField), second, CrfMessages.Label(form, earlierField), first)));
        }
    }
}
