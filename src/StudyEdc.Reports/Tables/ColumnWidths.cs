using System.Text;

namespace StudyEdc.Reports.Tables;

/// <summary>Sizes of text columns, for SPSS string widths (bytes) and ODM lengths (characters).</summary>
internal static class ColumnWidths
{
    /// <summary>Returns the declared maximum length, or the longest value in characters (at least 1).</summary>
    public static int MaxCharacters(ExportTable table, int columnIndex) =>
        table.Columns[columnIndex].MaxLength ?? Math.Max(1, FormattedValues(table, columnIndex).Max(text => (int?)text.Length) ?? 1);

    /// <summary>
    /// Returns the longest value in UTF-8 bytes (at least 1), or three bytes per declared character when the data
    /// are all shorter, because SPSS sizes strings in bytes and a Chinese character takes three.
    /// </summary>
    public static int MaxUtf8Bytes(ExportTable table, int columnIndex)
    {
        var longest = FormattedValues(table, columnIndex).Max(text => (int?)Encoding.UTF8.GetByteCount(text)) ?? 1;
        var declared = table.Columns[columnIndex].MaxLength is { } characters ? characters * 3 : 1;
        return Math.Max(1, Math.Max(longest, declared));
    }

    private static IEnumerable<string> FormattedValues(ExportTable table, int columnIndex)
    {
        var column = table.Columns[columnIndex];
        for (var rowIndex = 0; rowIndex < table.Rows.Count; rowIndex++)
        {
            if (ExportValueFormatter.Format(column, table.Rows[rowIndex][columnIndex], table.Name, rowIndex) is { } text)
            {
                yield return text;
            }
        }
    }
}
