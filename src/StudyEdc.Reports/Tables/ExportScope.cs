namespace StudyEdc.Reports.Tables;

/// <summary>Who an export is for, which decides whether identifying columns are written.</summary>
public enum ExportScope
{
    /// <summary>Every column, for the study's own data management.</summary>
    Full,

    /// <summary>
    /// Columns marked <see cref="ExportColumn.IsIdentifying"/> are dropped, as required for the data and safety
    /// monitoring committee (DSMC).
    /// </summary>
    Deidentified,
}
