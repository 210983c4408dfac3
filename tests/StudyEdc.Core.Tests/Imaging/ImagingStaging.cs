using StudyEdc.TestSupport;

namespace StudyEdc.Core.Tests.Imaging;

/// <summary>A staging folder filled with copies of test series, as the upload endpoint would leave it.</summary>
public sealed class ImagingStaging : IDisposable
{
    public ImagingStaging(params string[] testDataFolders)
    {
        Path = Directory.CreateTempSubdirectory("studyedc-staging-").FullName;
        foreach (var folder in testDataFolders)
        {
            var source = RepositoryPaths.TestData(folder);
            var target = System.IO.Path.Combine(Path, folder.Replace('/', '_'));
            Directory.CreateDirectory(target);
            foreach (var file in Directory.EnumerateFiles(source))
            {
                File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
            }
        }
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
