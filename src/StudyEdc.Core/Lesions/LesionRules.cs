using StudyEdc.Core.Forms;
using StudyEdc.Core.Resources;

namespace StudyEdc.Core.Lesions;

/// <summary>Location rules of the lesion CRF: a slice range within one series, and an in-plane box given whole.</summary>
internal static class LesionRules
{
    public static List<ValidationError> ValidateLocation(Lesion lesion)
    {
        var form = CrfForms.Lesion;
        var errors = new List<ValidationError>();

        // Slice range: both ends or neither, in order, and only with a series.
        if (lesion.FirstSlice is null != lesion.LastSlice is null)
        {
            var missing = lesion.FirstSlice is null ? nameof(Lesion.FirstSlice) : nameof(Lesion.LastSlice);
            var present = lesion.FirstSlice is null ? nameof(Lesion.LastSlice) : nameof(Lesion.FirstSlice);
            errors.Add(FieldRules.Required(form, missing, CrfMessages.Format("WhenGiven", CrfMessages.Label(form, present))));
        }
        else if (lesion.FirstSlice is { } first && lesion.LastSlice is { } last && first > last)
        {
            errors.Add(new(nameof(Lesion.LastSlice), "SliceRangeReversed", CrfMessages.Format("SliceRangeReversed", first, last)));
        }

        if (lesion.FirstSlice is not null && lesion.SeriesInstanceUid is null)
        {
            errors.Add(FieldRules.Required(form, nameof(Lesion.SeriesInstanceUid), CrfMessages.Format("WhenGiven", CrfMessages.Label(form, nameof(Lesion.FirstSlice)))));
        }

        // Box: all four values or none, and only with a slice range.
        int?[] box = [lesion.BoxX, lesion.BoxY, lesion.BoxWidth, lesion.BoxHeight];
        var boxValues = box.Count(v => v is not null);
        if (boxValues is > 0 and < 4)
        {
            errors.Add(new(nameof(Lesion.BoxX), "BoxIncomplete", CrfMessages.Format("BoxIncomplete", boxValues)));
        }
        else if (boxValues == 4 && lesion.FirstSlice is null)
        {
            errors.Add(FieldRules.Required(form, nameof(Lesion.FirstSlice), CrfMessages.Format("WhenGiven", CrfMessages.Get("LesionBox"))));
        }

        return errors;
    }
}
