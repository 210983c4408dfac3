using System.Text.Json;
using StudyEdc.Dicom.Series;
using StudyEdc.Inference.Preprocessing;
using StudyEdc.Inference.Runtime;
using StudyEdc.TestSupport;

namespace StudyEdc.Inference.Tests.Runtime;

/// <summary>A phantom exam from tests/data/phantom: both phases as volumes and the generator's lesion truth.</summary>
public sealed record PhantomExam(string Name, CtVolume Arterial, CtVolume PortalVenous, IReadOnlyList<PhantomLesion> Lesions);

/// <summary>A lesion the phantom generator placed, with its box in portal-venous patient coordinates.</summary>
public sealed record PhantomLesion(string Kind, bool Malignant, PatientBox Box);

/// <summary>Loads the committed phantom exams once for all tests of a class.</summary>
public sealed class PhantomExamFixture
{
    public static readonly string[] ExamNames = ["exam-01", "exam-02"];

    public PhantomExamFixture()
    {
        Exams = ExamNames.ToDictionary(name => name, Load, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, PhantomExam> Exams { get; }

    private static PhantomExam Load(string name)
    {
        var folder = RepositoryPaths.TestData("phantom", name);
        var arterial = SeriesFolderLoader.Load(Path.Combine(folder, "AP"), CancellationToken.None);
        var portal = SeriesFolderLoader.Load(Path.Combine(folder, "PVP"), CancellationToken.None);

        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "truth.json")));
        var lesions = truth.RootElement.GetProperty("lesions").EnumerateArray().Select(lesion =>
        {
            var box = lesion.GetProperty("box_mm").EnumerateArray().Select(value => value.GetDouble()).ToArray();
            return new PhantomLesion(lesion.GetProperty("kind").GetString()!, lesion.GetProperty("malignant").GetBoolean(),
                new PatientBox(new Vector3D(box[0], box[1], box[2]), new Vector3D(box[3], box[4], box[5])));
        }).ToList();
        return new PhantomExam(name, arterial, portal, lesions);
    }
}
