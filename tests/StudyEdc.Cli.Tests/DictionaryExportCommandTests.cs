using System.Globalization;
using System.Text;
using StudyEdc.Cli.Commands;

namespace StudyEdc.Cli.Tests;

public sealed class DictionaryExportCommandTests : IDisposable
{
    private static readonly byte[] Utf8ByteOrderMark = [0xEF, 0xBB, 0xBF];

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("studyedc-cli-dictionary-");

    [Theory]
    [InlineData("csv")]
    [InlineData("md")]
    [InlineData(" CSV ")]
    public async Task Known_format_exits_zero(string format)
    {
        var run = await ExportAsync(format, "dictionary.out");

        Assert.Equal(DictionaryCommands.ExitWritten, run.ExitCode);
    }

    [Fact]
    public async Task Csv_starts_with_a_utf8_byte_order_mark()
    {
        await ExportAsync("csv", "dictionary.csv");

        var bytes = await File.ReadAllBytesAsync(OutPath("dictionary.csv"), TestContext.Current.CancellationToken);
        Assert.Equal(Utf8ByteOrderMark, bytes.Take(Utf8ByteOrderMark.Length));
    }

    [Fact]
    public async Task Csv_first_row_is_the_header()
    {
        await ExportAsync("csv", "dictionary.csv");

        var lines = await ReadLinesAsync("dictionary.csv");
        Assert.StartsWith("form,form_label_zh,form_label_en,field,order,label_zh,label_en,type,unit,required,minimum,maximum", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_has_participant_age_row()
    {
        // Participant.Age is declared [CrfField("年龄", "Age", Unit = "years", Minimum = 0, Maximum = 120, Requirement = ToComplete)].
        await ExportAsync("csv", "dictionary.csv");

        var lines = await ReadLinesAsync("dictionary.csv");
        Assert.Contains(lines, line => line.StartsWith("Participant,受试者,Participant,Age,2,年龄,Age,WholeNumber,years,ToComplete,0,120,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Markdown_has_participant_age_row()
    {
        await ExportAsync("md", "dictionary.md");

        var text = await File.ReadAllTextAsync(OutPath("dictionary.md"), Encoding.UTF8, TestContext.Current.CancellationToken);
        Assert.Contains("| `Age` | Age | 年龄 | WholeNumber | years | ToComplete | 0 – 120 |", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_has_no_byte_order_mark()
    {
        await ExportAsync("md", "dictionary.md");

        var bytes = await File.ReadAllBytesAsync(OutPath("dictionary.md"), TestContext.Current.CancellationToken);
        Assert.Equal((byte)'#', bytes[0]);
    }

    [Fact]
    public async Task Unknown_format_exits_with_an_error_code()
    {
        var run = await ExportAsync("xlsx", "dictionary.xlsx");

        Assert.Equal(DictionaryCommands.ExitError, run.ExitCode);
    }

    [Fact]
    public async Task Unknown_format_error_names_value()
    {
        var run = await ExportAsync("xlsx", "dictionary.xlsx");

        Assert.Contains("'xlsx'", run.Error, StringComparison.Ordinal);
        Assert.Contains("csv or md", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_format_error_in_chinese()
    {
        var path = Path.Combine(_directory.FullName, "dictionary.xlsx");

        var run = await CliRunner.RunWithCultureAsync(new CultureInfo("zh-CN"), "dictionary", "export", "--format", "xlsx", "--out", path);

        Assert.Contains("未知的 --format“xlsx”", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_format_writes_no_file()
    {
        await ExportAsync("xlsx", "dictionary.xlsx");

        Assert.False(File.Exists(OutPath("dictionary.xlsx")));
    }

    [Fact]
    public async Task Missing_output_folder_is_an_error()
    {
        var path = Path.Combine(_directory.FullName, "missing", "dictionary.csv");

        var run = await CliRunner.RunAsync("dictionary", "export", "--format", "csv", "--out", path);

        Assert.Equal(DictionaryCommands.ExitError, run.ExitCode);
        Assert.Contains(path, run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private string OutPath(string fileName) => Path.Combine(_directory.FullName, fileName);

    private Task<CliRun> ExportAsync(string format, string fileName) =>
        CliRunner.RunAsync("dictionary", "export", "--format", format, "--out", OutPath(fileName));

    private async Task<string[]> ReadLinesAsync(string fileName) =>
        await File.ReadAllLinesAsync(OutPath(fileName), Encoding.UTF8, TestContext.Current.CancellationToken);
}
