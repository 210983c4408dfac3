using System.Globalization;
using System.Resources;
using StudyEdc.Core.Forms;

namespace StudyEdc.Core.Resources;

/// <summary>
/// User-facing text of the study CRFs and workflows from CrfMessages.resx (English, the neutral resources) and
/// CrfMessages.zh-CN.resx, in the current UI culture. Field and choice labels come from the field declarations
/// (<see cref="CrfFieldAttribute"/>), not from here.
/// </summary>
public static class CrfMessages
{
    private static readonly ResourceManager Resources =
        new("StudyEdc.Core.Resources.CrfMessages", typeof(CrfMessages).Assembly);

    /// <summary>Returns the text named <paramref name="name"/>, or the name itself when no resource has it.</summary>
    public static string Get(string name) => Resources.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    /// <summary>Formats the text named <paramref name="name"/>; arguments are formatted with the current culture.</summary>
    public static string Format(string name, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, Get(name), args);

    /// <summary>Returns the field's label in the current UI culture.</summary>
    public static string Label(FieldDefinition field)
    {
        ArgumentNullException.ThrowIfNull(field);

        return field.Label(CultureInfo.CurrentUICulture);
    }

    /// <summary>Returns the label of <paramref name="fieldName"/> of <paramref name="form"/> in the current UI culture.</summary>
    public static string Label(FormDefinition form, string fieldName) => Label(FieldRules.Field(form, fieldName));

    /// <summary>Returns the label of an enum value from its <see cref="CrfChoiceAttribute"/>, in the current UI culture.</summary>
    public static string Choice<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var member = typeof(TEnum).GetField(value.ToString());
        var choice = member is null ? null : (CrfChoiceAttribute?)Attribute.GetCustomAttribute(member, typeof(CrfChoiceAttribute));
        return choice is null ? value.ToString() : CrfLabels.Pick(CultureInfo.CurrentUICulture, choice.LabelZh, choice.LabelEn);
    }

    /// <summary>ISO 8601 dates in messages, the same in every UI culture.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
}
