using System.Diagnostics;
using StudyEdc.TestSupport;

namespace StudyEdc.Reports.Tests;

/// <summary>Runs Debian's poppler-utils (pdfinfo, pdftotext, pdffonts) on a written PDF.</summary>
internal static class PopplerTools
{
    /// <summary>Returns the program's standard output, or skips when poppler-utils is not installed.</summary>
    public static string Run(string program, params string[] arguments)
    {
        var path = ExternalResources.RequireFile(Path.Combine("/usr/bin", program), "poppler-utils");

        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed with exit code {process.ExitCode}: {error}");
        return output;
    }
}
