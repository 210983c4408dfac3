using Xunit;

namespace StudyEdc.TestSupport;

/// <summary>
/// Servers and programs that some tests need but a developer machine may lack. Where one is missing the test
/// is skipped with a message saying what to install, unless STUDYEDC_REQUIRE_EXTERNAL=1 (set by .ci/run),
/// in which case the test fails: in CI nothing may skip.
/// </summary>
public static class ExternalResources
{
    public const string PostgresVariable = "STUDYEDC_TEST_POSTGRES";
    public const string ChromiumVariable = "STUDYEDC_TEST_CHROMIUM";
    public const string RequireVariable = "STUDYEDC_REQUIRE_EXTERNAL";

    private const string DefaultChromium = "/usr/bin/chromium";

    /// <summary>
    /// Returns the Npgsql connection string of a PostgreSQL server whose role may create databases, or skips.
    /// </summary>
    public static string RequirePostgres()
    {
        var connectionString = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            SkipOrFail($"PostgreSQL test skipped: {PostgresVariable} is not set. Run .ci/start-postgres.sh and set "
                + $"{PostgresVariable}=\"Host=127.0.0.1;Port=5432;Username=studyedc_test;Password=studyedc_test;Database=postgres\".");
        }

        return connectionString!;
    }

    /// <summary>Returns the path of Debian's Chromium, or skips when it is not installed.</summary>
    public static string RequireChromium()
    {
        var path = Environment.GetEnvironmentVariable(ChromiumVariable);
        if (string.IsNullOrWhiteSpace(path))
        {
            path = DefaultChromium;
        }

        if (!File.Exists(path))
        {
            SkipOrFail($"Browser test skipped: no Chromium at {path}. Install Debian's chromium and fonts-noto-cjk "
                + $"(apt-get install chromium fonts-noto-cjk) or set {ChromiumVariable}.");
        }

        return path;
    }

    /// <summary>
    /// Returns <paramref name="path"/> when that file (a program, a font) exists, or skips naming the Debian package to install.
    /// </summary>
    public static string RequireFile(string path, string debianPackage)
    {
        if (!File.Exists(path))
        {
            SkipOrFail($"{Path.GetFileName(path)} not found at {path}: install Debian's {debianPackage} "
                + $"(apt-get install {debianPackage}).");
        }

        return path;
    }

    /// <summary>Skips with <paramref name="message"/>, or fails where STUDYEDC_REQUIRE_EXTERNAL=1.</summary>
    public static void SkipOrFail(string message)
    {
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail(message + $" ({RequireVariable}=1, so this is a failure.)");
        }

        Assert.Skip(message);
    }
}
