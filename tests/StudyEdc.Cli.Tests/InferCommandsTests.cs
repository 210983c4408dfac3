using System.Text.Json;
using StudyEdc.TestSupport;

namespace StudyEdc.Cli.Tests;

public sealed class InferCommandsTests
{
    private static readonly string Exam = RepositoryPaths.TestData("phantom", "exam-01");

    [Fact]
    public async Task Infer_json_reports_detections_provider_and_timings()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync("infer", "--ap", Path.Combine(Exam, "AP"), "--pvp",
            Path.Combine(Exam, "PVP"), "--provider", "Cpu", "--json");

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        using var report = JsonDocument.Parse(output);
        var root = report.RootElement;
        Assert.Equal("phantom-lesion-detector", root.GetProperty("model").GetProperty("name").GetString());
        Assert.Equal("CPU", root.GetProperty("executionProvider").GetProperty("provider").GetString());
        foreach (var step in new[] { "decodeArterial", "decodePortalVenous", "preprocess", "inference", "postprocess" })
        {
            Assert.True(root.GetProperty("timingsMs").GetProperty(step).GetDouble() >= 0, step);
        }

        var first = root.GetProperty("detections")[0];
        Assert.Equal(1, first.GetProperty("rank").GetInt32());
        Assert.True(first.GetProperty("gridBox").GetProperty("z1").GetDouble() > first.GetProperty("gridBox").GetProperty("z0").GetDouble());
        Assert.True(first.GetProperty("patientBoxMm").GetProperty("max").GetProperty("x").GetDouble()
            > first.GetProperty("patientBoxMm").GetProperty("min").GetProperty("x").GetDouble());
        Assert.True(first.GetProperty("portalVenousVoxels").TryGetProperty("k0", out _));
        Assert.True(first.GetProperty("arterialVoxels").TryGetProperty("k1", out _));
    }

    [Fact]
    public async Task Infer_text_names_provider_and_steps()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("infer", "--ap", Path.Combine(Exam, "AP"), "--pvp",
            Path.Combine(Exam, "PVP"), "--provider", "Cpu");

        Assert.Equal(0, exitCode);
        Assert.Contains("Execution provider: CPU (ONNX Runtime 1.32.0)", output, StringComparison.Ordinal);
        Assert.Contains("Time (ms): decode AP ", output, StringComparison.Ordinal);
        Assert.Contains("patient LPS mm (x, y, z):", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_rejects_model_that_breaks_the_contract()
    {
        var model = Path.Combine(RepositoryPaths.Root, "tests", "StudyEdc.Inference.Tests", "TestModels", "wrong-contract.onnx");

        var (exitCode, _, error) = await CliRunner.RunAsync("infer", "--ap", Path.Combine(Exam, "AP"), "--pvp",
            Path.Combine(Exam, "PVP"), "--model", model);

        Assert.Equal(1, exitCode);
        Assert.Contains("does not meet the model contract", error, StringComparison.Ordinal);
        Assert.Contains("The model has no input named 'ct'.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_rejects_folder_with_both_phases()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("infer", "--ap", Exam, "--pvp", Path.Combine(Exam, "PVP"));

        Assert.Equal(1, exitCode);
        Assert.Contains("must hold exactly one DICOM series", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_min_score_keeps_only_confident_detections()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("infer", "--ap", Path.Combine(Exam, "AP"), "--pvp",
            Path.Combine(Exam, "PVP"), "--provider", "Cpu", "--min-score", "0.5", "--json");

        Assert.Equal(0, exitCode);
        using var report = JsonDocument.Parse(output);
        var scores = report.RootElement.GetProperty("detections").EnumerateArray()
            .Select(detection => detection.GetProperty("score").GetDouble()).ToList();
        Assert.NotEmpty(scores);
        Assert.All(scores, score => Assert.True(score >= 0.5, $"score {score} is below --min-score 0.5"));
    }

    [Fact]
    public async Task Infer_rejects_min_score_above_one()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("infer", "--ap", Path.Combine(Exam, "AP"), "--pvp",
            Path.Combine(Exam, "PVP"), "--min-score", "1.5");

        Assert.Equal(1, exitCode);
        Assert.Contains("--min-score 1.5 is invalid: give a detection score from 0 to 1.", error, StringComparison.Ordinal);
    }
}
