using Microsoft.EntityFrameworkCore;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Imaging;
using StudyEdc.Core.InferenceJobs;
using StudyEdc.Core.Tests.Imaging;
using StudyEdc.Inference.Runtime;
using StudyEdc.TestSupport;

namespace StudyEdc.Core.Tests.InferenceJobs;

/// <summary>
/// The Administrator's model registry: registration checked against the model contract, activation of the model
/// new jobs use, re-queueing after a model change, and the audit entries of each.
/// </summary>
public sealed class ModelRegistryTests : IAsyncLifetime
{
    private ImagingTestDatabase _database = default!;
    private StudyCaller _administrator = default!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await ImagingTestDatabase.CreateAsync();
        _administrator = await _database.CreateCallerAsync(StudyRoles.Administrator, null);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Valid_model_is_stored_by_its_hash()
    {
        var result = await RegisterAsync("detector", "2.0", ModelFileVariants.Create());

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        var model = result.Value!;
        Assert.False(model.IsActive);
        Assert.True(File.Exists(_database.Get<InferenceModelCatalog>().PathFor(model.Sha256)));
        Assert.NotEqual((await BundledModel.LoadReferenceAsync(Cancel)).Sha256, model.Sha256);
    }

    [Fact]
    public async Task File_that_is_not_onnx_is_rejected()
    {
        var result = await RegisterAsync("detector", "2.0", "not a model"u8.ToArray());

        Assert.Equal(ServiceFailure.Invalid, result.Failure);
        Assert.Contains(result.Errors, e => e.Code == "ContractNotAnOnnxModel");
        Assert.Empty(Directory.EnumerateFiles(_database.Get<InferenceModelCatalog>().RegisteredModelDirectory));
        Assert.Empty(await _database.Get<StudyDbContext>().Set<RegisteredModel>().ToListAsync(Cancel));
    }

    [Fact]
    public async Task Invalid_entries_are_listed_together()
    {
        var registration = new ModelRegistration("bad name", "", " ", 1.0);

        var result = await _database.Get<ModelRegistry>().RegisterAsync(_administrator, registration, new MemoryStream(ModelFileVariants.Create()), Cancel);

        Assert.Equal(ServiceFailure.Invalid, result.Failure);
        Assert.Contains(result.Errors, e => e.Code == "NameInvalid");
        Assert.Contains(result.Errors, e => e.Code == "VersionInvalid");
        Assert.Contains(result.Errors, e => e.Code == "ModelCardMissing");
        Assert.Contains(result.Errors, e => e.Code == "ThresholdInvalid");
    }

    [Fact]
    public async Task Same_file_cannot_be_registered_twice()
    {
        await RegisterAsync("detector", "2.0", ModelFileVariants.Create());

        var second = await RegisterAsync("detector", "2.1", ModelFileVariants.Create());

        Assert.Equal(ServiceFailure.Invalid, second.Failure);
        Assert.Equal("FileAlreadyRegistered", Assert.Single(second.Errors).Code);
    }

    [Fact]
    public async Task Bundled_model_file_cannot_be_registered_again()
    {
        var result = await RegisterAsync("detector", "2.0", File.ReadAllBytes(BundledModel.FilePath));

        Assert.Equal("FileAlreadyRegistered", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Same_name_and_version_cannot_be_registered_twice()
    {
        await RegisterAsync("detector", "2.0", ModelFileVariants.Create());

        var second = await RegisterAsync("detector", "2.0", ModelFileVariants.Create("other"));

        Assert.Equal("NameVersionTaken", Assert.Single(second.Errors).Code);
    }

    [Fact]
    public async Task Coordinator_cannot_register()
    {
        var coordinator = await _database.CreateCallerAsync(StudyRoles.SiteCoordinator, ImagingTestDatabase.SiteA);

        var result = await _database.Get<ModelRegistry>().RegisterAsync(coordinator, Registration("detector", "2.0"), new MemoryStream(ModelFileVariants.Create()), Cancel);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
    }

    [Fact]
    public async Task Bundled_model_is_active_by_default()
    {
        var models = await _database.Get<ModelRegistry>().ListAsync(_administrator, Cancel);

        var bundled = Assert.Single(models.Value!);
        Assert.True(bundled.IsBundled);
        Assert.True(bundled.IsActive);
        Assert.Equal(BundledModel.Name, bundled.Name);
        Assert.Contains("not for clinical use", bundled.ModelCard, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Activated_model_is_used_by_new_jobs()
    {
        var registered = (await RegisterAsync("detector", "2.0", ModelFileVariants.Create())).Value!;

        var activated = await _database.Get<ModelRegistry>().ActivateAsync(_administrator, registered.Id, Cancel);

        Assert.True(activated.Succeeded);
        var current = await _database.Get<InferenceModelCatalog>().GetCurrentAsync(Cancel);
        Assert.Equal(registered.Sha256, current.Sha256);
        Assert.Equal(_database.Get<InferenceModelCatalog>().PathFor(registered.Sha256), current.FilePath);
    }

    [Fact]
    public async Task Activating_bundled_model_deactivates_the_registered_one()
    {
        var registered = (await RegisterAsync("detector", "2.0", ModelFileVariants.Create())).Value!;
        await _database.Get<ModelRegistry>().ActivateAsync(_administrator, registered.Id, Cancel);

        var activated = await _database.Get<ModelRegistry>().ActivateAsync(_administrator, null, Cancel);

        Assert.True(activated.Value!.IsBundled);
        Assert.False(await _database.Get<StudyDbContext>().Set<RegisteredModel>().AnyAsync(m => m.IsActive, Cancel));
        Assert.Equal(BundledModel.Name, (await _database.Get<InferenceModelCatalog>().GetCurrentAsync(Cancel)).Name);
    }

    [Fact]
    public async Task Unknown_model_cannot_be_activated()
    {
        var result = await _database.Get<ModelRegistry>().ActivateAsync(_administrator, 999, Cancel);

        Assert.Equal(ServiceFailure.NotFound, result.Failure);
    }

    [Fact]
    public async Task Job_of_an_older_registered_model_still_resolves()
    {
        var first = (await RegisterAsync("detector", "2.0", ModelFileVariants.Create())).Value!;
        var second = (await RegisterAsync("detector", "2.1", ModelFileVariants.Create("other"))).Value!;
        await _database.Get<ModelRegistry>().ActivateAsync(_administrator, second.Id, Cancel);

        var resolved = await _database.Get<InferenceModelCatalog>().ResolveAsync("detector", "2.0", first.Sha256, Cancel);

        Assert.NotNull(resolved);
        Assert.Equal(_database.Get<InferenceModelCatalog>().PathFor(first.Sha256), resolved.FilePath);
    }

    [Fact]
    public async Task Registration_and_activation_are_audited()
    {
        var registered = (await RegisterAsync("detector", "2.0", ModelFileVariants.Create())).Value!;
        await _database.Get<ModelRegistry>().ActivateAsync(_administrator, registered.Id, Cancel);

        var entries = await _database.Get<StudyDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == ImagingAuditEntityTypes.RegisteredModel).ToListAsync(Cancel);

        Assert.Contains(entries, a => a.Action == AuditAction.Create && a.Field == nameof(RegisteredModel.Sha256) && a.NewValue == registered.Sha256);
        Assert.Contains(entries, a => a.Action == AuditAction.Update && a.Field == nameof(RegisteredModel.IsActive) && a.NewValue == "true");
        Assert.All(entries, a => Assert.Equal(_administrator.UserName, a.UserName));
        Assert.True((await _database.Get<IAuditTrail>().VerifyChainAsync(Cancel)).IsIntact);
    }

    [Fact]
    public async Task Requeue_skips_exams_already_pending()
    {
        var coordinator = await _database.CreateCallerAsync(StudyRoles.SiteCoordinator, ImagingTestDatabase.SiteA);
        var pendingExam = await ConfirmedExamAsync(coordinator);
        var idleExam = await ConfirmedExamAsync(coordinator);
        await _database.Get<ModelRegistry>().RequeueAsync(_administrator, [pendingExam], Cancel);

        var result = await _database.Get<ModelRegistry>().RequeueAsync(_administrator, null, Cancel);

        Assert.Equal(1, result.Value);
        var jobs = await _database.Get<StudyDbContext>().Set<InferenceJob>().AsNoTracking().ToListAsync(Cancel);
        Assert.Single(jobs, j => j.ExamId == pendingExam);
        Assert.Single(jobs, j => j.ExamId == idleExam);
    }

    [Fact]
    public async Task Requeue_after_activation_uses_the_new_model()
    {
        var coordinator = await _database.CreateCallerAsync(StudyRoles.SiteCoordinator, ImagingTestDatabase.SiteA);
        var examId = await ConfirmedExamAsync(coordinator);
        await _database.Get<ModelRegistry>().RequeueAsync(_administrator, [examId], Cancel);
        var registered = (await RegisterAsync("detector", "2.0", ModelFileVariants.Create())).Value!;
        await _database.Get<ModelRegistry>().ActivateAsync(_administrator, registered.Id, Cancel);

        var result = await _database.Get<ModelRegistry>().RequeueAsync(_administrator, [examId], Cancel);

        Assert.Equal(1, result.Value);
        var latest = await _database.Get<StudyDbContext>().Set<InferenceJob>().AsNoTracking().OrderByDescending(j => j.Id).FirstAsync(Cancel);
        Assert.Equal(registered.Sha256, latest.ModelSha256);
    }

    [Fact]
    public async Task Requeue_of_unknown_exam_is_invalid()
    {
        var result = await _database.Get<ModelRegistry>().RequeueAsync(_administrator, [12345], Cancel);

        Assert.Equal(ServiceFailure.Invalid, result.Failure);
        Assert.Equal("ExamNotFound", Assert.Single(result.Errors).Code);
    }

    private static ModelRegistration Registration(string name, string version) =>
        new(name, version, "Test variant of the phantom detector; not for clinical use.", 0.4);

    private Task<ServiceResult<RegisteredModelSummary>> RegisterAsync(string name, string version, byte[] file) =>
        _database.Get<ModelRegistry>().RegisterAsync(_administrator, Registration(name, version), new MemoryStream(file), Cancel);

    private async Task<int> ConfirmedExamAsync(StudyCaller coordinator) =>
        await ConfirmedExams.AddAsync(_database.Get<StudyDbContext>(), await _database.EnrolAsync(coordinator), coordinator.SiteId!.Value, Cancel);
}
