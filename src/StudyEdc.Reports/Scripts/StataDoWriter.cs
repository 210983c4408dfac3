using System.Globalization;
using System.Text;
using StudyEdc.Reports.Tables;

namespace StudyEdc.Reports.Scripts;

/// <summary>
/// Writes a Stata do-file that imports every table's CSV with import delimited ..., encoding(utf8), names the
/// variables itself (so the byte order mark on the header line never reaches a variable name), converts numbers,
/// dates and times, sets label variable and label values, and saves one .dta per table. Needs Stata 14 or later
/// (Unicode).
/// </summary>
public static class StataDoWriter
{
    private const string ImportOptions = "encoding(\"utf-8\") delimiters(\",\") varnames(nonames) rowrange(2) "
        + "bindquotes(strict) stringcols(_all) case(preserve) clear";

    // Stata keeps at most 80 characters of a variable label.
    private const int MaxVariableLabelCharacters = 80;

    /// <summary>Returns the do-file text; the tables must already be reduced to the export's scope.</summary>
    public static string Write(ExportDataset dataset, ReportLanguage language)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var script = new StringBuilder();
        script.AppendLine("* Loads the StudyEdc CSV export. Run from the export folder: do load_data.do");
        script.AppendLine("version 14");
        script.AppendLine();

        foreach (var table in dataset.Tables)
        {
            AppendTable(script, table, language);
        }

        return script.ToString();
    }

    private static void AppendTable(StringBuilder script, ExportTable table, ReportLanguage language)
    {
        script.AppendLine(CultureInfo.InvariantCulture, $"* {Comment(table.Label(language))}");
        script.AppendLine(CultureInfo.InvariantCulture, $"import delimited using \"{table.Name}.csv\", {ImportOptions}");

        for (var index = 0; index < table.Columns.Count; index++)
        {
            var column = table.Columns[index];
            script.AppendLine(CultureInfo.InvariantCulture, $"rename v{index + 1} {column.Name}");
            AppendConversion(script, column);
            script.AppendLine(CultureInfo.InvariantCulture,
                $"label variable {column.Name} {Quote(Truncate(column.LabelWithUnit(language), MaxVariableLabelCharacters))}");
            AppendValueLabels(script, column, language);
        }

        script.AppendLine(CultureInfo.InvariantCulture, $"save \"{table.Name}.dta\", replace");
        script.AppendLine();
    }

    private static void AppendConversion(StringBuilder script, ExportColumn column)
    {
        switch (column.Type)
        {
            case ExportValueType.Integer or ExportValueType.Boolean or ExportValueType.Decimal:
                script.AppendLine(CultureInfo.InvariantCulture, $"destring {column.Name}, replace");
                break;
            case ExportValueType.Date:
                ReplaceWithConverted(script, column.Name, $"date({column.Name}, \"YMD\")", "%td");
                break;
            case ExportValueType.DateTime:
                ReplaceWithConverted(script, column.Name, $"clock({column.Name}, \"YMDhms\")", "%tc");
                break;
            default:
                break;
        }
    }

    private static void ReplaceWithConverted(StringBuilder script, string name, string expression, string format)
    {
        script.AppendLine(CultureInfo.InvariantCulture, $"generate double {name}_ = {expression}");
        script.AppendLine(CultureInfo.InvariantCulture, $"format {name}_ {format}");
        script.AppendLine(CultureInfo.InvariantCulture, $"order {name}_, after({name})");
        script.AppendLine(CultureInfo.InvariantCulture, $"drop {name}");
        script.AppendLine(CultureInfo.InvariantCulture, $"rename {name}_ {name}");
    }

    private static void AppendValueLabels(StringBuilder script, ExportColumn column, ReportLanguage language)
    {
        if (column.AllowedValues.Count == 0)
        {
            return;
        }

        // Stata attaches value labels to integers only; text codes keep their values and are listed in the data dictionary.
        if (column.Type is ExportValueType.Text)
        {
            script.AppendLine(CultureInfo.InvariantCulture,
                $"* {column.Name} has text codes, which Stata cannot label; see data_dictionary.csv.");
            return;
        }

        // Each table is its own dataset (import ... clear), so the column name is a unique value label name.
        var pairs = column.AllowedValues.Select(value => $"{value.Code} {Quote(value.Label(language))}");
        script.AppendLine(CultureInfo.InvariantCulture, $"label define {column.Name} {string.Join(" ", pairs)}, replace");
        script.AppendLine(CultureInfo.InvariantCulture, $"label values {column.Name} {column.Name}");
    }

    /// <summary>
    /// Returns a Stata compound-quoted string: line breaks become spaces, and the backtick and dollar sign are
    /// escaped with a backslash so that no macro is expanded inside the label.
    /// </summary>
    internal static string Quote(string text)
    {
        var escaped = text.ReplaceLineEndings(" ")
            .Replace("`", "\\`", StringComparison.Ordinal)
            .Replace("$", "\\$", StringComparison.Ordinal);
        return "`\"" + escaped + "\"'";
    }

    private static string Truncate(string text, int maxCharacters)
    {
        if (text.Length <= maxCharacters)
        {
            return text;
        }

        var length = char.IsHighSurrogate(text[maxCharacters - 1]) ? maxCharacters - 1 : maxCharacters;
        return text[..length];
    }

    private static string Comment(string text) => text.ReplaceLineEndings(" ");
}
