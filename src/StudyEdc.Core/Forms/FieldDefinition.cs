using System.Globalization;
using System.Reflection;

namespace StudyEdc.Core.Forms;

/// <summary>Kind of value a field stores, as the data dictionary and exports name it.</summary>
public enum FieldDataType
{
    Text,
    WholeNumber,
    Number,
    Date,
    DateTime,
    YesNo,
    Choice,
}

/// <summary>One allowed value of a choice field: the stored code and its labels.</summary>
public sealed record ChoiceDefinition(string Code, string LabelZh, string LabelEn)
{
    public string Label(CultureInfo culture) => CrfLabels.Pick(culture, LabelZh, LabelEn);
}

/// <summary>Everything declared about one CRF field (see <see cref="CrfFieldAttribute"/>).</summary>
public sealed record FieldDefinition(
    string FormKey,
    string Name,
    int Order,
    string LabelZh,
    string LabelEn,
    FieldDataType DataType,
    string? Unit,
    FieldRequirement Requirement,
    double? Minimum,
    double? Maximum,
    int? MaxLength,
    string? Pattern,
    IReadOnlyList<ChoiceDefinition> Choices,
    bool IdentifiesPerson,
    bool Derived,
    string? RuleZh,
    string? RuleEn)
{
    internal PropertyInfo Property { get; init; } = null!;

    public string Label(CultureInfo culture) => CrfLabels.Pick(culture, LabelZh, LabelEn);

    public string? Rule(CultureInfo culture) => RuleZh is null && RuleEn is null ? null : CrfLabels.Pick(culture, RuleZh ?? "", RuleEn ?? "");

    /// <summary>Returns the label of a stored choice code, or the code itself when it is not one of the choices.</summary>
    public string ChoiceLabel(string code, CultureInfo culture) =>
        Choices.FirstOrDefault(c => c.Code == code)?.Label(culture) ?? code;
}

/// <summary>One CRF: its key, labels, entity type and fields in declaration order.</summary>
public sealed record FormDefinition(string Key, string LabelZh, string LabelEn, Type EntityType, IReadOnlyList<FieldDefinition> Fields)
{
    public string Label(CultureInfo culture) => CrfLabels.Pick(culture, LabelZh, LabelEn);

    /// <summary>Returns the field named <paramref name="name"/> (the property name), or null.</summary>
    public FieldDefinition? Find(string name) => Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
}

/// <summary>Chooses between the zh-CN and English wording of a declaration.</summary>
public static class CrfLabels
{
    /// <summary>Returns the Chinese text for any Chinese culture and the English text for every other culture.</summary>
    public static string Pick(CultureInfo culture, string zh, string en)
    {
        ArgumentNullException.ThrowIfNull(culture);

        return culture.TwoLetterISOLanguageName == "zh" ? zh : en;
    }
}
