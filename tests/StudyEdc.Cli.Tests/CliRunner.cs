using System.Globalization;

namespace StudyEdc.Cli.Tests;

/// <summary>Exit code and the two output streams of one in-process `studyedc` run.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Standard output followed by standard error, for messages that may go to either.</summary>
    public string AllOutput => Output + Error;
}

/// <summary>Runs `studyedc` commands in process, capturing what they print.</summary>
internal static class CliRunner
{
    public static Task<CliRun> RunAsync(params string[] args) => RunWithCultureAsync(CultureInfo.CurrentUICulture, args);

    /// <summary>Runs with <paramref name="uiCulture"/> as the UI culture, restoring the previous one afterwards.</summary>
    public static async Task<CliRun> RunWithCultureAsync(CultureInfo uiCulture, params string[] args)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = uiCulture;
        try
        {
            using var output = new StringWriter(CultureInfo.InvariantCulture);
            using var error = new StringWriter(CultureInfo.InvariantCulture);
            var exitCode = await CliApp.RunAsync(args, new CliContext(output, error), TestContext.Current.CancellationToken);
            return new CliRun(exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
