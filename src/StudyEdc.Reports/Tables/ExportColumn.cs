namespace StudyEdc.Reports.Tables;

/// <summary>
/// Metadata of one exported variable, declared once beside the CRF field it comes from. The CSV header, the data
/// dictionary, the R, SPSS and Stata scripts and the ODM ItemDef are all written from it.
/// </summary>
public sealed record ExportColumn
{
    /// <summary>Variable name: a letter, then letters, digits or '_', at most 32 characters (Stata's limit).</summary>
    public required string Name { get; init; }

    public required string LabelZh { get; init; }

    public required string LabelEn { get; init; }

    public required ExportValueType Type { get; init; }

    /// <summary>Unit of measure such as "mm" or "HU"; null when the value has none.</summary>
    public string? Unit { get; init; }

    /// <summary>Digits after the decimal point for <see cref="ExportValueType.Decimal"/> columns; null writes the shortest round-trip form.</summary>
    public int? Decimals { get; init; }

    /// <summary>Maximum length of a text value in characters; null lets the writers size it from the data.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Allowed values with labels; empty for an uncoded column.</summary>
    public IReadOnlyList<CodedValue> AllowedValues { get; init; } = [];

    /// <summary>
    /// True when the value identifies a person (name, phone number, hospital record number). Such columns are
    /// dropped from exports whose scope is <see cref="ExportScope.Deidentified"/>.
    /// </summary>
    public bool IsIdentifying { get; init; }

    /// <summary>Returns the label in the given report language.</summary>
    public string Label(ReportLanguage language) => language == ReportLanguage.ZhCn ? LabelZh : LabelEn;

    /// <summary>Returns "label (unit)", or the label alone when the column has no unit.</summary>
    public string LabelWithUnit(ReportLanguage language) =>
        Unit is null ? Label(language) : $"{Label(language)} ({Unit})";
}
