using System.Diagnostics.CodeAnalysis;

namespace StudyEdc.Reports.Tables;

/// <summary>Type of an exported column; decides how values are written and what the statistics packages read.</summary>
public enum ExportValueType
{
    /// <summary>Free text (<see cref="string"/>).</summary>
    Text,

    /// <summary>Whole number (<see cref="int"/> or <see cref="long"/>).</summary>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The data type's name in ODM, SPSS and Stata.")]
    Integer,

    /// <summary>Decimal number (<see cref="double"/> or <see cref="decimal"/>), written with '.' as separator.</summary>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The data type's name in ODM, SPSS and Stata.")]
    Decimal,

    /// <summary>Calendar date (<see cref="DateOnly"/>), written as yyyy-MM-dd.</summary>
    Date,

    /// <summary>Point in time (<see cref="DateTime"/> in UTC or <see cref="DateTimeOffset"/>), written in UTC.</summary>
    DateTime,

    /// <summary>Yes/no (<see cref="bool"/>), written as 1 and 0.</summary>
    Boolean,
}
