using System.Globalization;
using System.Text.Json;
using StudyEdc.Cli.Commands;
using StudyEdc.Dicom.Series;

namespace StudyEdc.Cli.Tests;

/// <summary>`studyedc dicom series`, run in process over synthetic series written to a temporary folder.</summary>
public sealed class DicomSeriesCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("studyedc-dicom-series-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Json_lists_series_spacing_and_phase()
    {
        SyntheticCtSeries.Write(Path.Combine(_directory, "ap"), new SyntheticSeriesOptions
        {
            Slices = 8, Seed = 1, SliceSpacing = 1.25, SeriesDescription = "动脉期 1.25mm", AcquisitionTime = "101440",
            SpecificCharacterSet = "ISO_IR 192",
        });
        SyntheticCtSeries.Write(Path.Combine(_directory, "pvp"), new SyntheticSeriesOptions
        {
            Slices = 5, Seed = 2, SliceSpacing = 5, SeriesDescription = "PV 5mm", AcquisitionTime = "101520",
        });

        var (exitCode, output, _) = await CliRunner.RunWithCultureAsync(CultureInfo.InvariantCulture, "dicom", "series", "--json", _directory);

        Assert.Equal(DicomSeriesCommand.ExitAssemblable, exitCode);
        var series = JsonDocument.Parse(output).RootElement.GetProperty("series").EnumerateArray()
            .OrderBy(s => s.GetProperty("slices").GetInt32()).ToArray();
        Assert.Equal([5, 8], series.Select(s => s.GetProperty("slices").GetInt32()));
        Assert.Equal(5.0, series[0].GetProperty("spacing")[2].GetDouble(), 6);
        Assert.Equal("PortalVenous", series[0].GetProperty("phaseHint").GetProperty("phase").GetString());
        Assert.Equal("Arterial", series[1].GetProperty("phaseHint").GetProperty("phase").GetString());
        Assert.True(series[1].GetProperty("canAssemble").GetBoolean());
    }

    [Fact]
    public async Task Json_names_the_slices_around_a_gap()
    {
        SyntheticCtSeries.Write(_directory, new SyntheticSeriesOptions { Slices = 6, OmittedSlices = new HashSet<int> { 2 } });

        var (exitCode, output, _) = await CliRunner.RunWithCultureAsync(CultureInfo.InvariantCulture, "dicom", "series", "--json", _directory);

        Assert.Equal(DicomSeriesCommand.ExitAssemblable, exitCode);
        var problem = JsonDocument.Parse(output).RootElement.GetProperty("series")[0].GetProperty("problems")[0];
        Assert.Equal("MissingSlices", problem.GetProperty("kind").GetString());
        Assert.Equal([2, 4], problem.GetProperty("slices").EnumerateArray().Select(s => s.GetProperty("instanceNumber").GetInt32()));
    }

    [Fact]
    public async Task Text_output_is_chinese_under_zh_cn_culture()
    {
        SyntheticCtSeries.Write(_directory, new SyntheticSeriesOptions { Slices = 4, SeriesDescription = "门脉期", SpecificCharacterSet = "GB18030" });

        var (exitCode, output, _) = await CliRunner.RunWithCultureAsync(CultureInfo.GetCultureInfo("zh-CN"), "dicom", "series", _directory);

        Assert.Equal(DicomSeriesCommand.ExitAssemblable, exitCode);
        Assert.Contains("共找到 1 个序列", output, StringComparison.Ordinal);
        Assert.Contains("门静脉期 (PVP)", output, StringComparison.Ordinal);
        Assert.Contains("需人工确认", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skipped_file_gives_exit_code_one()
    {
        SyntheticCtSeries.Write(_directory, new SyntheticSeriesOptions { Slices = 3 });
        await File.WriteAllTextAsync(Path.Combine(_directory, "readme.txt"), "not DICOM", TestContext.Current.CancellationToken);

        var (exitCode, output, _) = await CliRunner.RunWithCultureAsync(CultureInfo.InvariantCulture, "dicom", "series", _directory);

        Assert.Equal(DicomSeriesCommand.ExitProblems, exitCode);
        Assert.Contains("1 file(s) skipped", output, StringComparison.Ordinal);
        Assert.Contains("readme.txt", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_path_gives_exit_code_two()
    {
        var missing = Path.Combine(_directory, "no-such-folder");

        var (exitCode, _, error) = await CliRunner.RunWithCultureAsync(CultureInfo.InvariantCulture, "dicom", "series", missing);

        Assert.Equal(DicomSeriesCommand.ExitBadPath, exitCode);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }
}
