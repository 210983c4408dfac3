using System.Globalization;
using System.IO.Compression;
using System.Text;
using StudyEdc.Reports.Scripts;
using StudyEdc.Reports.Tables;

namespace StudyEdc.Reports.Csv;

/// <summary>
/// Writes the CSV export bundle: one file per form, data_dictionary.csv, and load_data.R, load_data.sps and
/// load_data.do that load the files with labels. Identifying columns are dropped before anything is written
/// when the scope is <see cref="ExportScope.Deidentified"/>.
/// </summary>
public static class CsvExportWriter
{
    public const string DataDictionaryFileName = "data_dictionary.csv";
    public const string RScriptFileName = "load_data.R";
    public const string SpssSyntaxFileName = "load_data.sps";
    public const string StataDoFileName = "load_data.do";

    private static readonly string[] DictionaryHeader =
    [
        "table", "variable", "label_zh", "label_en", "type", "unit", "decimals", "max_length", "allowed_values",
        "identifying",
    ];

    /// <summary>Writes the bundle as files into <paramref name="directory"/>, which is created if missing.</summary>
    /// <returns>The files written with their data row counts, for the export's audit entry.</returns>
    public static async Task<ExportManifest> WriteToDirectoryAsync(
        ExportDataset dataset, ExportScope scope, ReportLanguage language, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        return await WriteAsync(
            dataset,
            scope,
            language,
            fileName => new FileStream(Path.Combine(directory, fileName), FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the bundle as a ZIP archive into <paramref name="output"/>, which stays open.</summary>
    /// <returns>The files written with their data row counts, for the export's audit entry.</returns>
    public static async Task<ExportManifest> WriteZipAsync(
        ExportDataset dataset, ExportScope scope, ReportLanguage language, Stream output, CancellationToken cancellationToken)
    {
        var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        await using (archive.ConfigureAwait(false))
        {
            return await WriteAsync(
                dataset,
                scope,
                language,
                fileName => archive.CreateEntry(fileName, CompressionLevel.Optimal).Open(),
                cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<ExportManifest> WriteAsync(
        ExportDataset dataset, ExportScope scope, ReportLanguage language, Func<string, Stream> openFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        dataset.Validate();
        var scoped = dataset.ForScope(scope);
        var files = new List<ExportPart>();

        foreach (var table in scoped.Tables)
        {
            var fileName = table.Name + ".csv";
            var stream = openFile(fileName);
            await using (stream.ConfigureAwait(false))
            {
                await WriteTableAsync(table, stream, cancellationToken).ConfigureAwait(false);
            }

            files.Add(new ExportPart(fileName, table.Rows.Count));
        }

        var dictionary = openFile(DataDictionaryFileName);
        await using (dictionary.ConfigureAwait(false))
        {
            var rows = await WriteDataDictionaryAsync(scoped, dictionary, cancellationToken).ConfigureAwait(false);
            files.Add(new ExportPart(DataDictionaryFileName, rows));
        }

        await WriteTextAsync(openFile, RScriptFileName, RScriptWriter.Write(scoped, language), cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(openFile, SpssSyntaxFileName, SpssSyntaxWriter.Write(scoped, language), cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(openFile, StataDoFileName, StataDoWriter.Write(scoped, language), cancellationToken).ConfigureAwait(false);
        files.AddRange([new(RScriptFileName, null), new(SpssSyntaxFileName, null), new(StataDoFileName, null)]);

        return new ExportManifest(scope, files);
    }

    /// <summary>Writes one table as CSV: a header of variable names, then one record per row.</summary>
    public static async Task WriteTableAsync(ExportTable table, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var writer = new CsvWriter(stream);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteRecordAsync([.. table.Columns.Select(column => column.Name)], cancellationToken).ConfigureAwait(false);
            for (var rowIndex = 0; rowIndex < table.Rows.Count; rowIndex++)
            {
                var row = table.Rows[rowIndex];
                var fields = new string?[table.Columns.Count];
                for (var columnIndex = 0; columnIndex < fields.Length; columnIndex++)
                {
                    fields[columnIndex] = ExportValueFormatter.Format(table.Columns[columnIndex], row[columnIndex], table.Name, rowIndex);
                }

                await writer.WriteRecordAsync(fields, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> WriteDataDictionaryAsync(ExportDataset dataset, Stream stream, CancellationToken cancellationToken)
    {
        var rows = 0;
        var writer = new CsvWriter(stream);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteRecordAsync(DictionaryHeader, cancellationToken).ConfigureAwait(false);
            foreach (var table in dataset.Tables)
            {
                foreach (var column in table.Columns)
                {
                    await writer.WriteRecordAsync(DictionaryRecord(table, column), cancellationToken).ConfigureAwait(false);
                    rows++;
                }
            }
        }

        return rows;
    }

    private static string?[] DictionaryRecord(ExportTable table, ExportColumn column) =>
    [
        table.Name,
        column.Name,
        column.LabelZh,
        column.LabelEn,
        column.Type.ToString(),
        column.Unit,
        column.Decimals?.ToString(CultureInfo.InvariantCulture),
        column.MaxLength?.ToString(CultureInfo.InvariantCulture),
        string.Join("; ", column.AllowedValues.Select(value => $"{value.Code}={value.LabelZh}/{value.LabelEn}")),
        column.IsIdentifying ? "1" : "0",
    ];

    private static async Task WriteTextAsync(Func<string, Stream> openFile, string fileName, string text, CancellationToken cancellationToken)
    {
        var stream = openFile(fileName);
        await using (stream.ConfigureAwait(false))
        {
            // Scripts are plain UTF-8 without a byte order mark: SPSS reads the "* Encoding: UTF-8." line, and a
            // BOM before "#" or "*" confuses older R and Stata versions.
            var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
    }
}
