using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Imaging;
using StudyEdc.Dicom;
using StudyEdc.TestSupport;

namespace StudyEdc.Core.Tests.Imaging;

/// <summary>
/// Ingest through <see cref="IImagingService"/>: the three-slice liver CT of dcmqi, and the clean-up of the stored
/// files when the ingest transaction fails.
/// </summary>
public sealed class ImagingIngestTests : ImagingTestBase
{
    private const string RealSeries = "dicom-series/ct-3slice";

    [Fact]
    public async Task Failed_transaction_leaves_no_stored_files()
    {
        // A trigger makes the insert of the first instance row fail inside the ingest's transaction.
        await Database.Get<StudyDbContext>().Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER fail_ingest BEFORE INSERT ON ImagingInstances BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;", TestContext.Current.CancellationToken);
        using var staging = new ImagingStaging("phantom/exam-01/AP");

        await Assert.ThrowsAsync<DbUpdateException>(() => Database.Get<IImagingService>().IngestAsync(Coordinator, ParticipantId, staging.Path, TestContext.Current.CancellationToken));

        var root = Database.Get<ImageStore>().RootDirectory;
        var left = Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToList() : [];
        Assert.Empty(left);
        Assert.Empty(await Database.Get<StudyDbContext>().Set<ImagingSeries>().ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Retry_after_failed_transaction_stores_the_series()
    {
        var db = Database.Get<StudyDbContext>();
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER fail_ingest BEFORE INSERT ON ImagingInstances BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;", TestContext.Current.CancellationToken);
        using var staging = new ImagingStaging("phantom/exam-01/AP");
        await Assert.ThrowsAsync<DbUpdateException>(() => Database.Get<IImagingService>().IngestAsync(Coordinator, ParticipantId, staging.Path, TestContext.Current.CancellationToken));
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER fail_ingest;", TestContext.Current.CancellationToken);

        var retry = await Database.Get<IImagingService>().IngestAsync(Coordinator, ParticipantId, staging.Path, TestContext.Current.CancellationToken);

        Assert.True(retry.Succeeded);
        var series = Assert.Single(retry.Value!.Series);
        Assert.Equal(IngestOutcome.Stored, series.Outcome);
        var hashes = await Database.Get<StudyDbContext>().Set<ImagingInstance>().Select(i => i.Sha256).ToListAsync(TestContext.Current.CancellationToken);
        Assert.All(hashes, hash => Assert.True(File.Exists(Database.Get<ImageStore>().PathFor(hash))));
    }

    [Fact]
    public async Task Real_series_is_stored_with_every_file()
    {
        using var staging = new ImagingStaging(RealSeries);

        var result = await IngestAsync(staging);

        Assert.True(result.Succeeded);
        var series = Assert.Single(result.Value!.Series);
        Assert.Equal(IngestOutcome.Stored, series.Outcome);
        Assert.Equal(3, series.SliceCount);
        Assert.Equal(3, result.Value.Files.Count(f => f.Outcome == IngestOutcome.Stored));
    }

    [Fact]
    public async Task Stored_files_carry_no_patient_name_or_id()
    {
        using var staging = new ImagingStaging(RealSeries);
        var original = DicomFile.Open(Directory.EnumerateFiles(staging.Path, "*", SearchOption.AllDirectories).First()).Dataset;
        var patientName = original.GetString(DicomTag.FromKeyword("PatientName"));
        var patientId = original.GetString(DicomTag.FromKeyword("PatientID"));

        await IngestAsync(staging);

        Assert.False(string.IsNullOrEmpty(patientName));
        Assert.False(string.IsNullOrEmpty(patientId));
        foreach (var path in await StoredPathsAsync())
        {
            var text = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
            Assert.DoesNotContain(patientName, text, StringComparison.Ordinal);
            Assert.DoesNotContain(patientId, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Stored_files_are_addressed_by_their_sha256()
    {
        using var staging = new ImagingStaging(RealSeries);

        await IngestAsync(staging);

        var rows = await Database.Get<StudyDbContext>().Set<ImagingInstance>().ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, rows.Count);
        foreach (var row in rows)
        {
            var path = Path.Combine(Database.DataDirectory, "images", "sha256", row.Sha256[..2], row.Sha256[2..4], row.Sha256 + ".dcm");
            var hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken)));
            Assert.Equal(row.Sha256, hash);
        }
    }

    [Fact]
    public async Task Second_identical_upload_is_recognised_as_duplicate()
    {
        using var first = new ImagingStaging(RealSeries);
        using var second = new ImagingStaging(RealSeries);
        await IngestAsync(first);

        var result = await IngestAsync(second);

        var series = Assert.Single(result.Value!.Series);
        Assert.Equal(IngestOutcome.Duplicate, series.Outcome);
        Assert.All(result.Value.Files, f => Assert.Equal(IngestOutcome.Duplicate, f.Outcome));
        Assert.Equal(3, await Database.Get<StudyDbContext>().Set<ImagingInstance>().CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(3, Directory.EnumerateFiles(Path.Combine(Database.DataDirectory, "images"), "*.dcm", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public async Task Non_dicom_file_is_rejected()
    {
        using var staging = new ImagingStaging(RealSeries);
        await File.WriteAllTextAsync(Path.Combine(staging.Path, "notes.txt"), "not an image", TestContext.Current.CancellationToken);

        var result = await IngestAsync(staging);

        var rejected = Assert.Single(result.Value!.Files, f => f.Outcome == IngestOutcome.Rejected);
        Assert.Equal("notes.txt", rejected.FileName);
        Assert.Contains("notes.txt", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_without_dicom_is_invalid()
    {
        using var staging = new ImagingStaging();
        await File.WriteAllTextAsync(Path.Combine(staging.Path, "readme.txt"), "empty", TestContext.Current.CancellationToken);

        var result = await IngestAsync(staging);

        Assert.Equal(ServiceFailure.Invalid, result.Failure);
        Assert.Contains(result.Errors, e => e.Code == "NoDicomFiles");
        Assert.Empty(await Database.Get<StudyDbContext>().Set<ImagingExam>().ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Coordinator_of_other_site_cannot_upload()
    {
        using var staging = new ImagingStaging(RealSeries);
        var otherCoordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, ImagingTestDatabase.SiteB);

        var result = await Database.Get<IImagingService>().IngestAsync(otherCoordinator, ParticipantId, staging.Path, TestContext.Current.CancellationToken);

        Assert.Equal(ServiceFailure.NotFound, result.Failure);
        Assert.Empty(await Database.Get<StudyDbContext>().Set<ImagingSeries>().ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Radiologist_cannot_upload()
    {
        using var staging = new ImagingStaging(RealSeries);
        var radiologist = await Database.CreateCallerAsync(StudyRoles.Radiologist, ImagingTestDatabase.SiteA);

        var result = await Database.Get<IImagingService>().IngestAsync(radiologist, ParticipantId, staging.Path, TestContext.Current.CancellationToken);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
    }

    [Fact]
    public async Task Stored_series_is_audited()
    {
        using var staging = new ImagingStaging(RealSeries);

        var result = await IngestAsync(staging);

        var seriesId = result.Value!.Series[0].SeriesId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entries = await Database.Get<StudyDbContext>().AuditEntries
            .Where(a => a.EntityType == ImagingAuditEntityTypes.Series && a.EntityId == seriesId)
            .ToListAsync(TestContext.Current.CancellationToken);
        Assert.Contains(entries, e => e.Field == nameof(ImagingSeries.SliceCount) && e.NewValue == "3" && e.UserId == Coordinator.UserId);
    }

    private Task<ServiceResult<ImagingUploadReport>> IngestAsync(ImagingStaging staging) =>
        Database.Get<IImagingService>().IngestAsync(Coordinator, ParticipantId, staging.Path, TestContext.Current.CancellationToken);

    private async Task<List<string>> StoredPathsAsync()
    {
        var store = Database.Get<ImageStore>();
        var hashes = await Database.Get<StudyDbContext>().Set<ImagingInstance>().Select(i => i.Sha256).ToListAsync(TestContext.Current.CancellationToken);
        return hashes.Select(store.PathFor).ToList();
    }
}
