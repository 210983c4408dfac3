namespace StudyEdc.Core.Forms;

/// <summary>
/// The declaration of one CRF field, placed on the entity property that stores it. Validation, the data
/// dictionary, form rendering and exports all read this one declaration (through <see cref="CrfForms"/>).
/// </summary>
/// <param name="labelZh">Label shown in the Simplified Chinese UI.</param>
/// <param name="labelEn">Label shown in the English UI.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class CrfFieldAttribute(string labelZh, string labelEn) : Attribute
{
    public string LabelZh { get; } = labelZh;

    public string LabelEn { get; } = labelEn;

    /// <summary>Unit symbol of a number, for example "ng/mL", "mm", "s"; null for unitless fields.</summary>
    public string? Unit { get; set; }

    public FieldRequirement Requirement { get; set; } = FieldRequirement.Optional;

    /// <summary>Smallest allowed number (inclusive); NaN when unbounded.</summary>
    public double Minimum { get; set; } = double.NaN;

    /// <summary>Largest allowed number (inclusive); NaN when unbounded.</summary>
    public double Maximum { get; set; } = double.NaN;

    /// <summary>Maximum length of a text field in characters; 0 when the field is not text.</summary>
    public int MaxLength { get; set; }

    /// <summary>Regular expression a text value must match in full, or null.</summary>
    public string? Pattern { get; set; }

    /// <summary>
    /// True when the value alone or with public data can identify a person: names, record numbers, and dates
    /// directly related to a person, as in the HIPAA Safe Harbor list. Exports for the DSMC drop or shift such fields.
    /// </summary>
    public bool IdentifiesPerson { get; set; }

    /// <summary>True when the server derives the value and no user types it in.</summary>
    public bool Derived { get; set; }

    /// <summary>Cross-field or protocol rule in Chinese, for the data dictionary.</summary>
    public string? RuleZh { get; set; }

    /// <summary>Cross-field or protocol rule in English, for the data dictionary.</summary>
    public string? RuleEn { get; set; }
}

/// <summary>The zh-CN and English labels of one allowed value, placed on an enum member.</summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false)]
public sealed class CrfChoiceAttribute(string labelZh, string labelEn) : Attribute
{
    public string LabelZh { get; } = labelZh;

    public string LabelEn { get; } = labelEn;
}

/// <summary>Names a CRF entity: the stable form key used in queries, SDV and exports, and its labels.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class CrfFormAttribute(string key, string labelZh, string labelEn) : Attribute
{
    public string Key { get; } = key;

    public string LabelZh { get; } = labelZh;

    public string LabelEn { get; } = labelEn;
}

/// <summary>When a field must have a value.</summary>
public enum FieldRequirement
{
    /// <summary>May stay empty, also in a complete form.</summary>
    Optional,

    /// <summary>May be empty in a draft; must be filled before the form is complete.</summary>
    ToComplete,

    /// <summary>Must be filled on every save.</summary>
    Always,

    /// <summary>Required only when another field has a given value, which the rule text names.</summary>
    Conditional,
}
