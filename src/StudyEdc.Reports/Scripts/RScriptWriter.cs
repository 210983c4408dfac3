using System.Globalization;
using System.Text;
using StudyEdc.Reports.Tables;

namespace StudyEdc.Reports.Scripts;

/// <summary>
/// Writes an R script that reads every table's CSV with read.csv(fileEncoding = "UTF-8-BOM"), sets each
/// variable's "label" attribute (the convention of Hmisc, haven and labelled), turns coded columns into factors
/// with labelled levels, dates into Date and times into POSIXct in UTC. Base R only.
/// </summary>
public static class RScriptWriter
{
    /// <summary>Returns the script text; the tables must already be reduced to the export's scope.</summary>
    public static string Write(ExportDataset dataset, ReportLanguage language)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var script = new StringBuilder();
        script.AppendLine("# Loads the StudyEdc CSV export. Run with the export folder as working directory:");
        script.AppendLine("#   source(\"load_data.R\", encoding = \"UTF-8\")");
        script.AppendLine(CultureInfo.InvariantCulture, $"# Study: {Comment(dataset.StudyOid)}. Each table becomes a data.frame of the same name.");
        script.AppendLine();

        foreach (var table in dataset.Tables)
        {
            AppendTable(script, table, language);
        }

        return script.ToString();
    }

    private static void AppendTable(StringBuilder script, ExportTable table, ReportLanguage language)
    {
        var classes = string.Join(", ", table.Columns.Select(column => $"{column.Name} = {Quote(ColumnClass(column))}"));
        script.AppendLine(CultureInfo.InvariantCulture, $"# {Comment(table.Label(language))}");
        script.AppendLine(CultureInfo.InvariantCulture,
            $"{table.Name} <- read.csv({Quote(table.Name + ".csv")}, fileEncoding = \"UTF-8-BOM\", na.strings = \"\",");
        script.AppendLine(CultureInfo.InvariantCulture,
            $"    check.names = FALSE, stringsAsFactors = FALSE, colClasses = c({classes}))");

        foreach (var column in table.Columns)
        {
            var variable = $"{table.Name}[[{Quote(column.Name)}]]";
            if (ConversionOf(column, variable, language) is { } conversion)
            {
                script.AppendLine(CultureInfo.InvariantCulture, $"{variable} <- {conversion}");
            }

            script.AppendLine(CultureInfo.InvariantCulture,
                $"attr({variable}, \"label\") <- {Quote(column.LabelWithUnit(language))}");
        }

        script.AppendLine();
    }

    private static string ColumnClass(ExportColumn column) => column.Type switch
    {
        ExportValueType.Integer or ExportValueType.Boolean => "integer",
        ExportValueType.Decimal => "numeric",
        _ => "character",
    };

    private static string? ConversionOf(ExportColumn column, string variable, ReportLanguage language)
    {
        if (column.AllowedValues.Count > 0)
        {
            var levels = string.Join(", ", column.AllowedValues.Select(value => LevelLiteral(column, value.Code)));
            var labels = string.Join(", ", column.AllowedValues.Select(value => Quote(value.Label(language))));
            return $"factor({variable}, levels = c({levels}), labels = c({labels}))";
        }

        return column.Type switch
        {
            ExportValueType.Date => $"as.Date({variable}, format = \"%Y-%m-%d\")",
            ExportValueType.DateTime => $"as.POSIXct({variable}, tz = \"UTC\", format = \"%Y-%m-%d %H:%M:%S\")",
            ExportValueType.Boolean => $"as.logical({variable})",
            _ => null,
        };
    }

    private static string LevelLiteral(ExportColumn column, string code) =>
        column.Type is ExportValueType.Integer or ExportValueType.Boolean ? code + "L" : Quote(code);

    /// <summary>Returns an R string literal with backslashes, quotes and line breaks escaped.</summary>
    internal static string Quote(string text)
    {
        var escaped = text
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
        return $"\"{escaped}\"";
    }

    private static string Comment(string text) => text.ReplaceLineEndings(" ");
}
