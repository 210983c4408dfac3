namespace StudyEdc.Dicom.Tests;

/// <summary>A temporary folder for files a test writes, deleted when the test ends.</summary>
internal sealed class SeriesTestFolder : IDisposable
{
    public SeriesTestFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "studyedc-series-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
