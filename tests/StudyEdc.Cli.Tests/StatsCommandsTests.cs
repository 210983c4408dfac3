using System.Globalization;
using System.Text;
using System.Text.Json;
using StudyEdc.TestSupport;

namespace StudyEdc.Cli.Tests;

/// <summary>`studyedc stats roc` and `stats compare`, run in process and checked against golden.json (R's pROC).</summary>
public sealed class StatsCommandsTests : IDisposable
{
    private const double Tolerance = 1e-12;

    private static readonly Lazy<JsonElement> Golden = new(() =>
        JsonDocument.Parse(File.ReadAllText(RepositoryPaths.TestData("stats", "golden.json"))).RootElement.GetProperty("datasets"));

    private readonly string _directory = Directory.CreateTempSubdirectory("studyedc-stats-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("score_model", "0.5")]
    [InlineData("score_reader", "3")]
    public async Task Roc_json_matches_golden_per_site_and_pooled(string score, string threshold)
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("stats", "roc", "--input", DataFile("multisite_lesions.csv"), "--label", "label",
            "--score", score, "--group", "site", "--cluster", "patient_id", "--threshold", threshold, "--json");

        Assert.Equal(0, exitCode);
        var groups = JsonDocument.Parse(output).RootElement.GetProperty("groups").EnumerateArray().ToArray();
        Assert.Equal(["S1", "S2", "S3", "S4", "S5", "pooled"], groups.Select(group => group.GetProperty("group").GetString()));
        foreach (var group in groups)
        {
            var name = group.GetProperty("group").GetString()!;
            var golden = Golden.Value.GetProperty("multisite_lesions").GetProperty("groups").GetProperty(name);
            var predictor = golden.GetProperty("predictors").GetProperty(score);
            var roc = predictor.GetProperty("roc");
            var auc = group.GetProperty("auc");
            var clustered = golden.GetProperty("clustered_obuchowski").GetProperty(score);
            var youden = predictor.GetProperty("youden").GetProperty("best")[0];
            var atThreshold = predictor.GetProperty("at_thresholds")[0];
            var printed = group.GetProperty("thresholds")[0];

            AssertSame(golden.GetProperty("n_rows"), group.GetProperty("n"), $"{name}.n");
            AssertSame(roc.GetProperty("auc"), auc.GetProperty("estimate"), $"{name}.auc");
            AssertSame(roc.GetProperty("auc_var_delong"), auc.GetProperty("variance"), $"{name}.variance");
            AssertSame(roc.GetProperty("auc_ci95_delong")[0], auc.GetProperty("ci95")[0], $"{name}.ci95[0]");
            AssertSame(roc.GetProperty("auc_ci95_delong")[1], auc.GetProperty("ci95")[1], $"{name}.ci95[1]");
            AssertSame(clustered.GetProperty("var"), group.GetProperty("clustered_auc").GetProperty("variance"), $"{name}.clustered.variance");
            AssertSame(clustered.GetProperty("ci95_normal")[0], group.GetProperty("clustered_auc").GetProperty("ci95")[0], $"{name}.clustered.ci95[0]");
            AssertSame(youden.GetProperty("threshold_proc"), group.GetProperty("youden").GetProperty("best")[0].GetProperty("threshold"), $"{name}.youden");
            AssertSame(youden.GetProperty("sensitivity"), group.GetProperty("youden").GetProperty("best")[0].GetProperty("sensitivity"), $"{name}.youden.sensitivity");
            AssertSame(atThreshold.GetProperty("tp"), printed.GetProperty("tp"), $"{name}.tp");
            foreach (var metric in new[] { "sensitivity", "specificity", "ppv", "npv", "accuracy" })
            {
                AssertSame(atThreshold.GetProperty(metric).GetProperty("estimate"), printed.GetProperty(metric).GetProperty("estimate"), $"{name}.{metric}");
                AssertSame(atThreshold.GetProperty(metric).GetProperty("ci95_wilson")[0], printed.GetProperty(metric).GetProperty("ci95_wilson")[0], $"{name}.{metric}.wilson");
                AssertSame(atThreshold.GetProperty(metric).GetProperty("ci95_exact")[1], printed.GetProperty(metric).GetProperty("ci95_exact")[1], $"{name}.{metric}.exact");
            }
        }
    }

    [Fact]
    public async Task Roc_text_prints_golden_auc_and_interval()
    {
        var golden = Golden.Value.GetProperty("asah").GetProperty("groups").GetProperty("pooled")
            .GetProperty("predictors").GetProperty("s100b").GetProperty("roc");

        var (exitCode, output, _) = await CliRunner.RunAsync("stats", "roc", "--input", DataFile("asah.csv"), "--label", "label", "--score", "s100b");

        Assert.Equal(0, exitCode);
        var aucLine = output.Split('\n').Single(line => line.TrimStart().StartsWith("AUC ", StringComparison.Ordinal));
        var words = aucLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(golden.GetProperty("auc").GetDouble(), Parse(words[1]), 1e-10);
        Assert.Equal(golden.GetProperty("auc_ci95_delong")[0].GetDouble(), Parse(words[^2].Trim('[', ',')), 1e-10);
        Assert.Equal(golden.GetProperty("auc_ci95_delong")[1].GetDouble(), Parse(words[^1].Trim(']')), 1e-10);
    }

    [Fact]
    public async Task Compare_json_matches_golden_paired_DeLong_test()
    {
        var golden = Golden.Value.GetProperty("asah").GetProperty("groups").GetProperty("pooled").GetProperty("paired_delong");

        var (exitCode, output, _) = await CliRunner.RunAsync("stats", "compare", "--input", DataFile("asah.csv"), "--label", "label",
            "--score", "s100b", "--score", "wfns", "--json");

        Assert.Equal(0, exitCode);
        var pooled = JsonDocument.Parse(output).RootElement.GetProperty("groups")[0];
        AssertSame(golden.GetProperty("auc1"), pooled.GetProperty("auc_a"), "auc_a");
        AssertSame(golden.GetProperty("auc2"), pooled.GetProperty("auc_b"), "auc_b");
        AssertSame(golden.GetProperty("diff"), pooled.GetProperty("difference"), "difference");
        AssertSame(golden.GetProperty("z"), pooled.GetProperty("z"), "z");
        Assert.Equal(golden.GetProperty("p_value").GetDouble(), pooled.GetProperty("p_value").GetDouble(), 1e-9);
        AssertSame(golden.GetProperty("ci95_diff")[0], pooled.GetProperty("ci95_difference")[0], "ci95_difference[0]");
    }

    [Fact]
    public async Task Compare_text_prints_z_and_p_value()
    {
        var golden = Golden.Value.GetProperty("ties30").GetProperty("groups").GetProperty("pooled").GetProperty("paired_delong");

        var (exitCode, output, _) = await CliRunner.RunAsync("stats", "compare", "--input", DataFile("ties30.csv"), "--label", "label",
            "--score", "score_model", "--score", "score_reader");

        Assert.Equal(0, exitCode);
        var words = output.Split('\n').Single(line => line.TrimStart().StartsWith("Z ", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(golden.GetProperty("z").GetDouble(), Parse(words[1]), 1e-9);
        Assert.Equal(golden.GetProperty("p_value").GetDouble(), Parse(words[3]), 1e-9);
    }

    [Fact]
    public async Task Degenerate_site_is_reported_as_not_estimable()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("stats", "roc", "--input", DataFile("degenerate.csv"), "--label", "label",
            "--score", "score_model", "--group", "site", "--json");

        Assert.Equal(0, exitCode);
        var site = JsonDocument.Parse(output).RootElement.GetProperty("groups")[0];
        Assert.Equal("A_all_negative", site.GetProperty("group").GetString());
        Assert.Equal(JsonValueKind.Null, site.GetProperty("auc").GetProperty("estimate").ValueKind);
        Assert.Equal("NoPositives", site.GetProperty("auc").GetProperty("problem").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Missing_file_is_named_in_the_error()
    {
        var path = Path.Combine(_directory, "absent.csv");

        var (exitCode, _, error) = await CliRunner.RunAsync("stats", "roc", "--input", path, "--label", "label", "--score", "score");

        Assert.Equal(1, exitCode);
        Assert.Contains($"Input file not found: {path}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_column_error_lists_the_columns()
    {
        var path = WriteCsv("label,score\n1,0.5\n0,0.2\n");

        var (exitCode, _, error) = await CliRunner.RunAsync("stats", "roc", "--input", path, "--label", "label", "--score", "prob");

        Assert.Equal(1, exitCode);
        Assert.Contains("Column \"prob\" given by --score is not in", error, StringComparison.Ordinal);
        Assert.Contains("The columns are: label, score.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_numeric_score_error_names_row_and_value()
    {
        var path = WriteCsv("label,score\n1,0.5\n0,0,2\n".Replace("0,0,2", "0,\"0,2\"", StringComparison.Ordinal));

        var (exitCode, _, error) = await CliRunner.RunAsync("stats", "roc", "--input", path, "--label", "label", "--score", "score");

        Assert.Equal(1, exitCode);
        Assert.Contains("Row 3 of", error, StringComparison.Ordinal);
        Assert.Contains("score is \"0,2\", which is not a finite number", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_with_bom_quotes_and_crlf_is_parsed()
    {
        var path = WriteCsv("\uFEFF\"note\",\"label\",\"score\"\r\n\"a, \"\"quoted\"\" note\",1,0.9\r\n\"line\nbreak\",0,0.1\r\nplain,1,0.4\r\nplain,0,0.6\r\n");

        var (exitCode, output, error) = await CliRunner.RunAsync("stats", "roc", "--input", path, "--label", "label", "--score", "score", "--json");

        Assert.True(exitCode == 0, error);
        var pooled = JsonDocument.Parse(output).RootElement.GetProperty("groups")[0];
        Assert.Equal(4, pooled.GetProperty("n").GetInt32());
        Assert.Equal(0.75, pooled.GetProperty("auc").GetProperty("estimate").GetDouble());
    }

    [Fact]
    public async Task Positive_option_selects_the_case_label()
    {
        var path = WriteCsv("outcome,score\nPoor,0.9\nGood,0.1\nPoor,0.3\nGood,0.6\n");

        var (exitCode, output, _) = await CliRunner.RunAsync("stats", "roc", "--input", path, "--label", "outcome", "--positive", "Poor",
            "--score", "score", "--json");

        Assert.Equal(0, exitCode);
        Assert.Equal(2, JsonDocument.Parse(output).RootElement.GetProperty("groups")[0].GetProperty("positives").GetInt32());
    }

    private static void AssertSame(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind == JsonValueKind.String || actual.ValueKind == JsonValueKind.String)
        {
            Assert.True(expected.GetString() == actual.GetString(), $"{path}: golden {expected}, printed {actual}");
            return;
        }

        var difference = Math.Abs(expected.GetDouble() - actual.GetDouble());
        Assert.True(difference <= Tolerance, $"{path}: golden {expected}, printed {actual}, |difference| {difference:E3}");
    }

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string DataFile(string name) => RepositoryPaths.TestData("stats", "data", name);

    private string WriteCsv(string content)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }
}
