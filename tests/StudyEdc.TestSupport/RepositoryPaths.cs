namespace StudyEdc.TestSupport;

/// <summary>Locations inside the repository checkout, found from the test assembly's folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder that contains StudyEdc.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>Test data committed under tests/data.</summary>
    public static string TestData(params string[] parts) => Path.Combine([Root, "tests", "data", .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StudyEdc.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"StudyEdc.sln not found above {AppContext.BaseDirectory}.");
    }
}
