using System.Text;

namespace StudyEdc.Reports.Csv;

/// <summary>
/// Writes RFC 4180 CSV: comma separated, CRLF line ends, a field quoted when it contains a comma, a double quote,
/// CR or LF, and quotes inside doubled. The file is UTF-8 with a byte order mark, so Excel opens Chinese text
/// correctly.
/// </summary>
public sealed class CsvWriter : IAsyncDisposable
{
    /// <summary>UTF-8 that writes the byte order mark EF BB BF at the start of the stream.</summary>
    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    private readonly StreamWriter _writer;

    /// <summary>Creates a writer over <paramref name="stream"/>; the stream stays open after disposal.</summary>
    public CsvWriter(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _writer = new StreamWriter(stream, Utf8WithBom, bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
    }

    /// <summary>Number of records written so far, the header included.</summary>
    public long RecordCount { get; private set; }

    /// <summary>Writes one record; a null field is written empty, as a missing value.</summary>
    public async Task WriteRecordAsync(IReadOnlyList<string?> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fields);
        cancellationToken.ThrowIfCancellationRequested();

        for (var index = 0; index < fields.Count; index++)
        {
            if (index > 0)
            {
                _writer.Write(',');
            }

            WriteField(fields[index]);
        }

        await _writer.WriteAsync(_writer.NewLine.AsMemory(), cancellationToken).ConfigureAwait(false);
        RecordCount++;
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.FlushAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Returns true when RFC 4180 requires the field to be enclosed in double quotes.</summary>
    public static bool NeedsQuotes(string field) => field.AsSpan().IndexOfAny(",\"\r\n") >= 0;

    private void WriteField(string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return;
        }

        if (!NeedsQuotes(field))
        {
            _writer.Write(field);
            return;
        }

        _writer.Write('"');
        _writer.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
        _writer.Write('"');
    }
}
