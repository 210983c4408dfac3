namespace StudyEdc.Web.Tests.Infrastructure;

/// <summary>A folder under the system temp folder, deleted with everything in it on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "studyedc-web-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        // SQLite keeps pooled connections open; clear them so the files can be deleted.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
