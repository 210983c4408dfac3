using System.Diagnostics;
using System.Globalization;
using System.Text;
using StudyEdc.Statistics;

namespace StudyEdc.Benchmarks;

/// <summary>
/// Times DeLong.Auc (AUC + DeLong 95% CI) and R's pROC (roc() + ci.auc(method = "delong")) on the same 10^6 rows in
/// one run: the data are written to a CSV file that both read, and both print their AUC and CI so agreement is shown.
/// Usage: <c>dotnet run -c Release --project tests/StudyEdc.Benchmarks -- stats-vs-proc [count] [repetitions]</c>.
/// Needs Rscript with pROC (Debian: r-base-core, r-cran-proc). File reading is excluded from both timings.
/// </summary>
public static class StatsVersusProcHarness
{
    private const string RScript = """
        suppressMessages(library(pROC))
        args <- commandArgs(trailingOnly = TRUE)
        d <- read.csv(args[1])
        reps <- as.integer(args[2])
        times <- numeric(reps)
        for (k in seq_len(reps)) {
          gc()
          t0 <- proc.time()[["elapsed"]]
          r <- roc(d$label, d$score, levels = c(0, 1), direction = "<", quiet = TRUE)
          ci <- ci.auc(r, method = "delong", conf.level = 0.95)
          times[k] <- proc.time()[["elapsed"]] - t0
        }
        cat(sprintf("pROC %s, %s\n", as.character(packageVersion("pROC")), R.version.string))
        cat(sprintf("pROC auc %.15g ci %.15g %.15g\n", ci[2], ci[1], ci[3]))
        cat(sprintf("pROC seconds %s\n", paste(sprintf("%.4f", times), collapse = " ")))
        """;

    public static int Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var repetitions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var (scores, labels) = StatsBenchmarkData.Create(count, seed: 42);
        var directory = Directory.CreateTempSubdirectory("studyedc-stats-bench-").FullName;
        try
        {
            var csv = Path.Combine(directory, "scores.csv");
            WriteCsv(csv, scores, labels);
            var script = Path.Combine(directory, "time_proc.R");
            File.WriteAllText(script, RScript);

            // Warm up the JIT on the full data once, then time each repetition.
            var result = DeLong.Auc(scores, labels);
            var seconds = new List<double>();
            for (var k = 0; k < repetitions; k++)
            {
                var stopwatch = Stopwatch.StartNew();
                result = DeLong.Auc(scores, labels);
                seconds.Add(stopwatch.Elapsed.TotalSeconds);
            }

            Console.WriteLine(Invariant($"n = {count}, cases = {labels.Count(label => label)}, data {csv}"));
            Console.WriteLine(Invariant($"StudyEdc auc {result.Auc:R} ci {result.Interval?.Lower:R} {result.Interval?.Upper:R}"));
            Console.WriteLine(Invariant($"StudyEdc seconds {string.Join(' ', seconds.Select(s => s.ToString("F4", CultureInfo.InvariantCulture)))} (median {Median(seconds):F4})"));
            Console.WriteLine(Invariant($"Machine: {Environment.ProcessorCount} logical CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}"));
            return RunR(script, csv, repetitions);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static int RunR(string script, string csv, int repetitions)
    {
        var start = new ProcessStartInfo("Rscript") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(csv);
        start.ArgumentList.Add(repetitions.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("Rscript could not be started; install r-base-core and r-cran-proc.");
        var standardError = process.StandardError.ReadToEndAsync();
        Console.Write(process.StandardOutput.ReadToEnd());
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine(standardError.Result);
        }

        return process.ExitCode;
    }

    private static void WriteCsv(string path, double[] scores, bool[] labels)
    {
        // "R" round-trip formatting so R parses exactly the doubles that C# timed.
        var text = new StringBuilder("label,score\n", scores.Length * 24);
        for (var i = 0; i < scores.Length; i++)
        {
            text.Append(labels[i] ? '1' : '0').Append(',').Append(scores[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2.0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
