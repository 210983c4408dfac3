using System.Text;

namespace StudyEdc.Reports.Tests;

/// <summary>A strict RFC 4180 reader for checking what the writer produced.</summary>
internal static class CsvTestReader
{
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        for (var index = 0; index < text.Length; index++)
        {
            var character = text[index];
            if (inQuotes)
            {
                if (character == '"' && index + 1 < text.Length && text[index + 1] == '"')
                {
                    field.Append('"');
                    index++;
                }
                else if (character == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    field.Append(character);
                }
            }
            else if (character == '"')
            {
                Assert.True(field.Length == 0, $"A quote inside an unquoted field at offset {index}.");
                inQuotes = true;
            }
            else if (character == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (character == '\r' && index + 1 < text.Length && text[index + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                index++;
            }
            else
            {
                Assert.False(character is '\r' or '\n', $"A bare line break outside quotes at offset {index}.");
                field.Append(character);
            }
        }

        Assert.False(inQuotes, "The file ends inside a quoted field.");
        Assert.True(field.Length == 0 && record.Count == 0, "The last record does not end with CRLF.");
        return records;
    }
}
