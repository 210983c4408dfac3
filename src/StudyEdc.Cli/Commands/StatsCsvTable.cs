using System.Globalization;
using System.Text;

namespace StudyEdc.Cli.Commands;

/// <summary>An analysis dataset read from CSV: RFC 4180 quoting (doubled quotes, commas and line breaks inside
/// quotes), LF or CRLF line ends, and an optional UTF-8 byte-order mark.</summary>
internal sealed class StatsCsvTable
{
    private readonly Dictionary<string, int> _columnIndex;

    private StatsCsvTable(string path, string[] header, List<string[]> rows)
    {
        Path = path;
        Header = header;
        Rows = rows;
        _columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            _columnIndex.TryAdd(header[i], i);
        }
    }

    public string Path { get; }

    public string[] Header { get; }

    /// <summary>The data records; record i is row i + 2 of the file when the header is row 1.</summary>
    public List<string[]> Rows { get; }

    /// <summary>Reads and parses the whole file.</summary>
    /// <exception cref="StatsInputException">The file is missing, empty or has a record with the wrong field count.</exception>
    public static StatsCsvTable Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new StatsInputException($"Input file not found: {path}. Check the --input path.");
        }

        // File.ReadAllText detects and removes a UTF-8 byte-order mark.
        var records = Parse(File.ReadAllText(path, Encoding.UTF8), path);
        if (records.Count == 0)
        {
            throw new StatsInputException($"Input file {path} is empty; it needs a header row and data rows.");
        }

        var header = records[0];
        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].Length != header.Length)
            {
                throw new StatsInputException(string.Create(CultureInfo.InvariantCulture,
                    $"Row {i + 1} of {path} has {records[i].Length} fields but the header has {header.Length}; fix the row or quote fields that contain commas."));
            }
        }

        return new StatsCsvTable(path, header, records.GetRange(1, records.Count - 1));
    }

    /// <summary>Returns the index of a column.</summary>
    /// <exception cref="StatsInputException">No column has that name; the message lists the columns there are.</exception>
    public int Column(string name, string option)
    {
        if (_columnIndex.TryGetValue(name, out var index))
        {
            return index;
        }

        throw new StatsInputException(
            $"Column \"{name}\" given by {option} is not in {Path}. The columns are: {string.Join(", ", Header)}.");
    }

    private static List<string[]> Parse(string text, string path)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    field.Append(c);
                }

                i++;
                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r' or '\n':
                    EndRecord();
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                default:
                    field.Append(c);
                    break;
            }

            i++;
        }

        if (inQuotes)
        {
            throw new StatsInputException($"{path} ends inside a quoted field; close the quote.");
        }

        EndRecord();
        return records;

        void EndRecord()
        {
            // A blank line ends nothing and adds no record.
            if (fields.Count == 0 && field.Length == 0)
            {
                return;
            }

            fields.Add(field.ToString());
            field.Clear();
            records.Add([.. fields]);
            fields.Clear();
        }
    }
}

/// <summary>Invalid command-line input: a missing file or column, or a value that cannot be used. The message names
/// the value and the fix, and the command prints it and exits with code 1.</summary>
internal sealed class StatsInputException(string message) : Exception(message);
