using System.Diagnostics;
using System.Globalization;
using System.Text;
using StudyEdc.Reports.Csv;
using StudyEdc.Reports.Tables;
using StudyEdc.TestSupport;

namespace StudyEdc.Reports.Tests;

public sealed class CsvExportWriterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "studyedc-csv-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Csv_file_starts_with_utf8_bom()
    {
        await WriteAsync(ExportScope.Full);

        var bytes = await File.ReadAllBytesAsync(Path.Combine(_directory, "demographics.csv"), TestContext.Current.CancellationToken);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
    }

    [Fact]
    public async Task Csv_round_trip_keeps_quotes_line_breaks_and_chinese()
    {
        await WriteAsync(ExportScope.Full);

        var records = CsvTestReader.Parse(await ReadAsync("demographics.csv"));

        Assert.Equal(["subject_id", "patient_name", "sex", "age", "comment", "visit_date"], records[0]);
        Assert.Equal(["BJ-0001", "张三", "1", "54", "肝硬化病史，\"乙肝\"阳性, 随访中", "2024-03-01"], records[1]);
        Assert.Equal("第一行\r\n第二行", records[2][4]);
        Assert.Equal(["SH-0001", "王五", "", "", "", ""], records[3]);
        Assert.Equal(4, records.Count);
    }

    [Fact]
    public async Task Numbers_and_times_ignore_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            await WriteAsync(ExportScope.Full);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        var records = CsvTestReader.Parse(await ReadAsync("lesions.csv"));

        Assert.Equal(["BJ-0001", "S7", "23.4", "2024-03-01 00:30:00"], records[1]);
        Assert.Equal("35.3", records[3][2]);
    }

    [Fact]
    public async Task Data_dictionary_lists_every_column_with_both_labels()
    {
        await WriteAsync(ExportScope.Full);

        var records = CsvTestReader.Parse(await ReadAsync(CsvExportWriter.DataDictionaryFileName));

        var expected = SampleDatasets.Build().Tables.SelectMany(table => table.Columns.Select(column => (table.Name, column))).ToList();
        Assert.Equal(expected.Count + 1, records.Count);
        foreach (var (tableName, column) in expected)
        {
            var row = Assert.Single(records, record => record[0] == tableName && record[1] == column.Name);
            Assert.Equal(column.LabelZh, row[2]);
            Assert.Equal(column.LabelEn, row[3]);
        }
    }

    [Fact]
    public async Task Manifest_counts_rows_of_each_file()
    {
        var manifest = await WriteAsync(ExportScope.Full);

        Assert.Equal(3, manifest.Parts.Single(part => part.Name == "demographics.csv").RowCount);
        Assert.Equal(3, manifest.Parts.Single(part => part.Name == "lesions.csv").RowCount);
        Assert.Equal(10, manifest.Parts.Single(part => part.Name == CsvExportWriter.DataDictionaryFileName).RowCount);
    }

    [Fact]
    public async Task Deidentified_export_drops_identifying_column_everywhere()
    {
        await WriteAsync(ExportScope.Deidentified);

        foreach (var file in Directory.GetFiles(_directory))
        {
            var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
            Assert.DoesNotContain("patient_name", text);
            Assert.DoesNotContain("张三", text);
        }

        Assert.Equal(["subject_id", "sex", "age", "comment", "visit_date"], CsvTestReader.Parse(await ReadAsync("demographics.csv"))[0]);
    }

    [Fact]
    public async Task Full_export_keeps_identifying_column()
    {
        await WriteAsync(ExportScope.Full);

        Assert.Contains("张三", await ReadAsync("demographics.csv"));
    }

    [Fact]
    public async Task Zip_export_holds_the_same_files()
    {
        using var stream = new MemoryStream();

        var manifest = await CsvExportWriter.WriteZipAsync(SampleDatasets.Build(), ExportScope.Full, ReportLanguage.ZhCn, stream, TestContext.Current.CancellationToken);

        stream.Position = 0;
        using var archive = new System.IO.Compression.ZipArchive(stream);
        Assert.Equal(manifest.Parts.Select(part => part.Name).Order(), archive.Entries.Select(entry => entry.FullName).Order());
    }

    [Fact]
    public async Task Cell_of_wrong_type_is_rejected_with_column_name()
    {
        var dataset = SampleDatasets.Build();
        var table = dataset.Tables[0] with { Rows = [["BJ-0009", "赵六", 1, "fifty", null, null]] };
        dataset = dataset with { Tables = [table] };

        var error = await Assert.ThrowsAsync<InvalidExportModelException>(() =>
            CsvExportWriter.WriteToDirectoryAsync(dataset, ExportScope.Full, ReportLanguage.ZhCn, _directory, TestContext.Current.CancellationToken));

        Assert.Contains("column 'age'", error.Message);
    }

    [Fact]
    public async Task Code_outside_allowed_values_is_rejected()
    {
        var dataset = SampleDatasets.Build();
        var table = dataset.Tables[0] with { Rows = [["BJ-0009", "赵六", 3, 40, null, null]] };
        dataset = dataset with { Tables = [table] };

        var error = await Assert.ThrowsAsync<InvalidExportModelException>(() =>
            CsvExportWriter.WriteToDirectoryAsync(dataset, ExportScope.Full, ReportLanguage.ZhCn, _directory, TestContext.Current.CancellationToken));

        Assert.Contains("'3', which is not an allowed value", error.Message);
    }

    [Fact]
    public async Task R_script_loads_data_with_labels_and_factors()
    {
        var rscript = ExternalResources.RequireFile("/usr/bin/Rscript", "r-base-core");

        await WriteAsync(ExportScope.Full);
        var start = new ProcessStartInfo(rscript) { WorkingDirectory = _directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add(
            "source('load_data.R', encoding = 'UTF-8'); "
            + "cat(attr(demographics$comment, 'label'), levels(demographics$sex), nrow(lesions), "
            + "demographics$comment[2], format(lesions$scanned_at[1], '%H:%M'), class(demographics$visit_date), sep = '|')");

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, error);
        // R's read.csv turns a quoted CRLF into "\n", as it does for every line end.
        Assert.Equal("备注（医生的\"说明\"）|男|女|3|第一行\n第二行|00:30|Date", output);
    }

    private async Task<ExportManifest> WriteAsync(ExportScope scope) =>
        await CsvExportWriter.WriteToDirectoryAsync(SampleDatasets.Build(), scope, ReportLanguage.ZhCn, _directory, TestContext.Current.CancellationToken);

    private async Task<string> ReadAsync(string fileName) =>
        await File.ReadAllTextAsync(Path.Combine(_directory, fileName), Encoding.UTF8, TestContext.Current.CancellationToken);
}
