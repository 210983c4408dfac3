using System.Globalization;
using System.Text;
using StudyEdc.Reports.Tables;

namespace StudyEdc.Reports.Scripts;

/// <summary>
/// Writes SPSS syntax that reads every table's CSV with GET DATA /TYPE=TXT /ENCODING='UTF8', sets VARIABLE LABELS
/// and VALUE LABELS, and saves one .sav file per table. The header line (with the byte order mark) is skipped by
/// /FIRSTCASE=2, and the variables are declared in the syntax rather than read from it.
/// </summary>
public static class SpssSyntaxWriter
{
    // SPSS stores at most 255 bytes of a string literal on one line of syntax and 120 bytes of a value label.
    private const int MaxVariableLabelBytes = 255;
    private const int MaxValueLabelBytes = 120;

    /// <summary>Returns the syntax text; the tables must already be reduced to the export's scope.</summary>
    public static string Write(ExportDataset dataset, ReportLanguage language)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var syntax = new StringBuilder();
        syntax.AppendLine("* Encoding: UTF-8.");
        syntax.AppendLine("* Loads the StudyEdc CSV export. Open this file in SPSS (Unicode mode) from the export folder.");
        syntax.AppendLine("* Quoted line breaks inside text values are not supported by GET DATA /TYPE=TXT.");
        syntax.AppendLine("SET UNICODE=ON.");
        syntax.AppendLine();

        foreach (var table in dataset.Tables)
        {
            AppendTable(syntax, table, language);
        }

        return syntax.ToString();
    }

    private static void AppendTable(StringBuilder syntax, ExportTable table, ReportLanguage language)
    {
        syntax.AppendLine(CultureInfo.InvariantCulture, $"* {Comment(table.Label(language))}.");
        syntax.AppendLine("GET DATA");
        syntax.AppendLine("  /TYPE=TXT");
        syntax.AppendLine(CultureInfo.InvariantCulture, $"  /FILE={Quote(table.Name + ".csv", int.MaxValue)}");
        syntax.AppendLine("  /ENCODING='UTF8'");
        syntax.AppendLine("  /DELCASE=LINE");
        syntax.AppendLine("  /DELIMITERS=\",\"");
        syntax.AppendLine("  /QUALIFIER='\"'");
        syntax.AppendLine("  /ARRANGEMENT=DELIMITED");
        syntax.AppendLine("  /FIRSTCASE=2");
        syntax.AppendLine("  /VARIABLES=");
        for (var index = 0; index < table.Columns.Count; index++)
        {
            syntax.AppendLine(CultureInfo.InvariantCulture, $"    {table.Columns[index].Name} {InputFormat(table, index)}");
        }

        syntax.AppendLine(".");
        syntax.AppendLine("VARIABLE LABELS");
        syntax.AppendLine(string.Join(Environment.NewLine + "  /", table.Columns.Select(column =>
            $"  {column.Name} {Quote(column.LabelWithUnit(language), MaxVariableLabelBytes)}")) + ".");

        var coded = table.Columns.Where(column => column.AllowedValues.Count > 0).ToList();
        if (coded.Count > 0)
        {
            syntax.AppendLine("VALUE LABELS");
            syntax.AppendLine(string.Join(Environment.NewLine + "  /", coded.Select(column => ValueLabels(column, language))) + ".");
        }

        syntax.AppendLine(CultureInfo.InvariantCulture, $"DATASET NAME {table.Name}.");
        syntax.AppendLine(CultureInfo.InvariantCulture, $"SAVE OUTFILE={Quote(table.Name + ".sav", int.MaxValue)}.");
        syntax.AppendLine();
    }

    private static string ValueLabels(ExportColumn column, ReportLanguage language)
    {
        var numeric = column.Type is not ExportValueType.Text;
        var pairs = column.AllowedValues.Select(value =>
            $"{(numeric ? value.Code : Quote(value.Code, int.MaxValue))} {Quote(value.Label(language), MaxValueLabelBytes)}");
        return $"  {column.Name} {string.Join(" ", pairs)}";
    }

    private static string InputFormat(ExportTable table, int columnIndex)
    {
        var column = table.Columns[columnIndex];
        return column.Type switch
        {
            ExportValueType.Text => "A" + ColumnWidths.MaxUtf8Bytes(table, columnIndex).ToString(CultureInfo.InvariantCulture),
            ExportValueType.Integer or ExportValueType.Boolean => "F20.0",
            ExportValueType.Decimal => "F32." + Math.Min(16, column.Decimals ?? 6).ToString(CultureInfo.InvariantCulture),
            ExportValueType.Date => "SDATE10",
            ExportValueType.DateTime => "YMDHMS19",
            _ => throw new ArgumentOutOfRangeException(nameof(table), column.Type, "Unknown export value type."),
        };
    }

    /// <summary>
    /// Returns an SPSS string literal: single quotes doubled, line breaks replaced by spaces, cut at
    /// <paramref name="maxBytes"/> UTF-8 bytes on a character boundary.
    /// </summary>
    internal static string Quote(string text, int maxBytes)
    {
        var flat = text.ReplaceLineEndings(" ");
        if (Encoding.UTF8.GetByteCount(flat) > maxBytes)
        {
            var length = flat.Length;
            while (length > 0 && Encoding.UTF8.GetByteCount(flat.AsSpan(0, length)) > maxBytes)
            {
                length--;
            }

            // Never split a surrogate pair.
            if (length > 0 && char.IsHighSurrogate(flat[length - 1]))
            {
                length--;
            }

            flat = flat[..length];
        }

        return "'" + flat.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static string Comment(string text) => text.ReplaceLineEndings(" ");
}
