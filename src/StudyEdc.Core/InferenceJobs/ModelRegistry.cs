using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Imaging;
using StudyEdc.Core.Resources;
using StudyEdc.Inference.Contract;
using StudyEdc.Inference.Runtime;

namespace StudyEdc.Core.InferenceJobs;

/// <summary>What the Administrator enters when registering a model file.</summary>
public sealed record ModelRegistration(string Name, string Version, string ModelCard, double DecisionThreshold);

/// <summary>
/// A model the Administrator can choose: a registered one, or the bundled reference model (<see cref="Id"/> null),
/// which is active whenever no registered model is.
/// </summary>
public sealed record RegisteredModelSummary(
    int? Id,
    string Name,
    string Version,
    string Sha256,
    long SizeBytes,
    string ModelCard,
    double DecisionThreshold,
    string RegisteredBy,
    DateTime? RegisteredAtUtc,
    bool IsActive)
{
    public bool IsBundled => Id is null;
}

/// <summary>
/// The Administrator's model registry: registration of an ONNX file that meets the model contract, activation of
/// the model that new jobs use, and re-queueing of exams after a model change. Every change is audited.
/// </summary>
public sealed partial class ModelRegistry(
    StudyDbContext db,
    InferenceModelCatalog catalog,
    InferenceJobScheduler scheduler,
    TimeProvider clock,
    ILogger<ModelRegistry> logger)
{
    /// <summary>Largest model file accepted, 1 GiB; ONNX protobuf files cannot exceed 2 GiB anyway.</summary>
    public const long MaxModelBytes = 1L << 30;

    /// <summary>The bundled model's threshold: its model card sets 0.5 because its training classes were balanced.</summary>
    public const double BundledDecisionThreshold = 0.5;

    /// <summary>Lists the registered models, newest first, and the bundled model last.</summary>
    public async Task<ServiceResult<IReadOnlyList<RegisteredModelSummary>>> ListAsync(StudyCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsInRole(StudyRoles.Administrator))
        {
            return ServiceResult<IReadOnlyList<RegisteredModelSummary>>.Fail(ServiceFailure.Forbidden, AdministratorOnly());
        }

        var rows = await db.Set<RegisteredModel>().AsNoTracking().OrderByDescending(m => m.RegisteredAtUtc).ThenByDescending(m => m.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var bundled = await BundledModel.LoadReferenceAsync(cancellationToken).ConfigureAwait(false);
        var card = File.Exists(BundledModel.ModelCardPath)
            ? await File.ReadAllTextAsync(BundledModel.ModelCardPath, cancellationToken).ConfigureAwait(false)
            : "";
        IReadOnlyList<RegisteredModelSummary> models =
        [
            .. rows.Select(ToSummary),
            new RegisteredModelSummary(null, bundled.Name, bundled.Version, bundled.Sha256, new FileInfo(bundled.FilePath).Length, card,
                BundledDecisionThreshold, "", null, rows.All(r => !r.IsActive)),
        ];
        return ServiceResult<IReadOnlyList<RegisteredModelSummary>>.Success(models);
    }

    /// <summary>
    /// Registers the ONNX model read from <paramref name="modelFile"/>: the entries are checked, the file is
    /// streamed to the model folder and checked against the model contract, and the row and its audit entries are
    /// written in one transaction. Every contract violation is returned as one localized error. The new model is
    /// not active until <see cref="ActivateAsync"/> is called.
    /// </summary>
    public async Task<ServiceResult<RegisteredModelSummary>> RegisterAsync(StudyCaller caller, ModelRegistration registration, Stream modelFile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(modelFile);
        if (!caller.IsInRole(StudyRoles.Administrator))
        {
            return ServiceResult<RegisteredModelSummary>.Fail(ServiceFailure.Forbidden, AdministratorOnly());
        }

        var errors = ValidateEntries(registration);
        if (errors.Count > 0)
        {
            return ServiceResult<RegisteredModelSummary>.Fail(ServiceFailure.Invalid, [.. errors]);
        }

        var name = registration.Name.Trim();
        var version = registration.Version.Trim();
        if (await db.Set<RegisteredModel>().AnyAsync(m => m.Name == name && m.Version == version, cancellationToken).ConfigureAwait(false))
        {
            return Invalid(nameof(ModelRegistration.Version), "NameVersionTaken", ImagingMessages.Format("RegistryNameVersionTaken", name, version));
        }

        // Stream the upload to a temporary file beside its final place, so the move is a rename on one file system.
        Directory.CreateDirectory(catalog.RegisteredModelDirectory);
        var temporary = Path.Combine(catalog.RegisteredModelDirectory, $".upload-{Guid.NewGuid():N}.tmp");
        try
        {
            var size = await CopyLimitedAsync(modelFile, temporary, cancellationToken).ConfigureAwait(false);
            if (size is null or 0)
            {
                var code = size is null ? "FileTooLarge" : "FileEmpty";
                return Invalid("File", code, ImagingMessages.Format("Registry" + code, (MaxModelBytes >> 20).ToString(CultureInfo.CurrentCulture)));
            }

            var validation = await ModelContractValidator.ValidateAsync(temporary, cancellationToken).ConfigureAwait(false);
            if (!validation.IsValid)
            {
                return ServiceResult<RegisteredModelSummary>.Fail(ServiceFailure.Invalid,
                    [.. validation.Violations.Select(v => new ValidationError("File", "Contract" + v.Kind,
                        ImagingMessages.Format("RegistryContractViolation", v.Describe(CultureInfo.CurrentUICulture))))]);
            }

            var sha256 = validation.Sha256!;
            var bundled = await BundledModel.LoadReferenceAsync(cancellationToken).ConfigureAwait(false);
            var sameFile = sha256 == bundled.Sha256
                ? new { bundled.Name, bundled.Version }
                : await db.Set<RegisteredModel>().AsNoTracking().Where(m => m.Sha256 == sha256)
                    .Select(m => new { m.Name, m.Version }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (sameFile is not null)
            {
                return Invalid("File", "FileAlreadyRegistered", ImagingMessages.Format("RegistryFileAlreadyRegistered", sha256, sameFile.Name, sameFile.Version));
            }

            var row = new RegisteredModel
            {
                Name = name,
                Version = version,
                Sha256 = sha256,
                SizeBytes = size.Value,
                ModelCard = registration.ModelCard.Trim(),
                DecisionThreshold = registration.DecisionThreshold,
                RegisteredBy = caller.UserName,
                RegisteredAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            await StoreAndSaveAsync(caller, row, temporary, cancellationToken).ConfigureAwait(false);
            LogModelRegistered(logger, row.Id, row.Name, row.Version, row.Sha256);
            return ServiceResult<RegisteredModelSummary>.Success(ToSummary(row));
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Makes the registered model <paramref name="modelId"/> the one new jobs use, or the bundled model when
    /// <paramref name="modelId"/> is null. Jobs already queued keep the model they recorded.
    /// </summary>
    public async Task<ServiceResult<RegisteredModelSummary>> ActivateAsync(StudyCaller caller, int? modelId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsInRole(StudyRoles.Administrator))
        {
            return ServiceResult<RegisteredModelSummary>.Fail(ServiceFailure.Forbidden, AdministratorOnly());
        }

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            // Every audited save locks the audit chain first, so two activations run one after the other and
            // at most one row stays active.
            await db.LockAuditChainAsync(cancellationToken).ConfigureAwait(false);
            var rows = await db.Set<RegisteredModel>().Where(m => m.IsActive || m.Id == modelId).ToListAsync(cancellationToken).ConfigureAwait(false);
            var target = rows.SingleOrDefault(m => m.Id == modelId);
            if (modelId is not null && target is null)
            {
                return ServiceResult<RegisteredModelSummary>.Fail(ServiceFailure.NotFound,
                    new ValidationError("", "ModelNotFound", ImagingMessages.Format("RegistryModelNotFound", modelId.Value.ToString(CultureInfo.InvariantCulture))));
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var entries = new List<AuditEntry>();
            foreach (var row in rows.Where(r => r.IsActive && r != target))
            {
                row.IsActive = false;
                entries.Add(ActiveEntry(caller, row.Id.ToString(CultureInfo.InvariantCulture), true, false));
            }

            if (target is { IsActive: false })
            {
                target.IsActive = true;
                target.ActivatedAtUtc = now;
                target.ActivatedBy = caller.UserName;
                entries.Add(ActiveEntry(caller, target.Id.ToString(CultureInfo.InvariantCulture), false, true));
            }
            else if (target is null && entries.Count > 0)
            {
                entries.Add(ActiveEntry(caller, BundledEntityId, false, true));
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            db.AddAuditEntries(entries);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        var current = await catalog.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        LogModelActivated(logger, current.Name, current.Version, current.Sha256);
        var models = await ListAsync(caller, cancellationToken).ConfigureAwait(false);
        return ServiceResult<RegisteredModelSummary>.Success(models.Value!.Single(m => m.IsActive));
    }

    /// <summary>
    /// Queues a job with the current model for each exam in <paramref name="examIds"/>, or for every exam with
    /// confirmed arterial and portal-venous series when it is null. Exams that already have a queued or running
    /// job for the current model are skipped. Returns the number of jobs queued.
    /// </summary>
    public async Task<ServiceResult<int>> RequeueAsync(StudyCaller caller, IReadOnlyCollection<int>? examIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsInRole(StudyRoles.Administrator))
        {
            return ServiceResult<int>.Fail(ServiceFailure.Forbidden, AdministratorOnly());
        }

        var query = db.Set<ImagingExam>().Include(e => e.Series)
            .Where(e => e.Series.Any(s => s.ConfirmedPhase == ConfirmedPhase.Arterial) && e.Series.Any(s => s.ConfirmedPhase == ConfirmedPhase.PortalVenous));
        if (examIds is not null)
        {
            query = query.Where(e => examIds.Contains(e.Id));
        }

        var exams = await query.OrderBy(e => e.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var unknown = examIds?.Except(exams.Select(e => e.Id)).Order().ToList() ?? [];
        if (unknown.Count > 0)
        {
            return ServiceResult<int>.Fail(ServiceFailure.Invalid,
                [.. unknown.Select(id => new ValidationError("ExamIds", "ExamNotFound", ImagingMessages.Format("RegistryExamNotFound", id.ToString(CultureInfo.InvariantCulture))))]);
        }

        var model = await catalog.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var pending = await db.Set<InferenceJob>().AsNoTracking()
            .Where(j => j.ModelSha256 == model.Sha256 && (j.Status == InferenceJobStatus.Queued || j.Status == InferenceJobStatus.Running))
            .Select(j => j.ExamId).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);

        var queued = 0;
        foreach (var exam in exams.Where(e => !pending.Contains(e.Id)))
        {
            var arterial = exam.Series.First(s => s.ConfirmedPhase == ConfirmedPhase.Arterial);
            var portalVenous = exam.Series.First(s => s.ConfirmedPhase == ConfirmedPhase.PortalVenous);
            await scheduler.EnqueueAsync(caller, exam, arterial.Id, portalVenous.Id, cancellationToken).ConfigureAwait(false);
            queued++;
        }

        LogJobsRequeued(logger, queued, model.Name, model.Version);
        return ServiceResult<int>.Success(queued);
    }

    /// <summary>Audit entity id of the bundled model, which has no row.</summary>
    internal static string BundledEntityId => $"bundled:{BundledModel.Name} {BundledModel.Version}";

    private static List<ValidationError> ValidateEntries(ModelRegistration registration)
    {
        var errors = new List<ValidationError>();
        if (!IsIdentifier(registration.Name, 100))
        {
            errors.Add(new ValidationError(nameof(ModelRegistration.Name), "NameInvalid", ImagingMessages.Format("RegistryNameInvalid", registration.Name)));
        }

        if (!IsIdentifier(registration.Version, 50))
        {
            errors.Add(new ValidationError(nameof(ModelRegistration.Version), "VersionInvalid", ImagingMessages.Format("RegistryVersionInvalid", registration.Version)));
        }

        if (string.IsNullOrWhiteSpace(registration.ModelCard))
        {
            errors.Add(new ValidationError(nameof(ModelRegistration.ModelCard), "ModelCardMissing", ImagingMessages.Get("RegistryModelCardMissing")));
        }

        if (!(registration.DecisionThreshold is > 0 and < 1))
        {
            errors.Add(new ValidationError(nameof(ModelRegistration.DecisionThreshold), "ThresholdInvalid",
                ImagingMessages.Format("RegistryThresholdInvalid", registration.DecisionThreshold.ToString(CultureInfo.CurrentCulture))));
        }

        return errors;
    }

    private static bool IsIdentifier(string? value, int maxLength)
    {
        var trimmed = value?.Trim();
        return !string.IsNullOrEmpty(trimmed) && trimmed.Length <= maxLength
            && trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="path"/>; returns null, leaving a partial file, once it exceeds <see cref="MaxModelBytes"/>.</summary>
    private static async Task<long?> CopyLimitedAsync(Stream source, string path, CancellationToken cancellationToken)
    {
        var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (target.ConfigureAwait(false))
        {
            var buffer = new byte[1 << 16];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > MaxModelBytes)
                {
                    return null;
                }

                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            return total;
        }
    }

    /// <summary>
    /// Moves the checked file to its content address, then writes the row and its audit entries in one
    /// transaction. When that transaction fails, a file this call put in place is deleted again.
    /// </summary>
    private async Task StoreAndSaveAsync(StudyCaller caller, RegisteredModel row, string temporary, CancellationToken cancellationToken)
    {
        var path = catalog.PathFor(row.Sha256);
        var placed = false;
        if (!File.Exists(path))
        {
            File.Move(temporary, path);
            placed = true;
        }

        try
        {
            db.Add(row);
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await db.LockAuditChainAsync(cancellationToken).ConfigureAwait(false);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                var id = row.Id.ToString(CultureInfo.InvariantCulture);
                db.AddAuditEntries(
                    CreatedEntry(caller, id, nameof(RegisteredModel.Name), row.Name),
                    CreatedEntry(caller, id, nameof(RegisteredModel.Version), row.Version),
                    CreatedEntry(caller, id, nameof(RegisteredModel.Sha256), row.Sha256),
                    CreatedEntry(caller, id, nameof(RegisteredModel.DecisionThreshold), row.DecisionThreshold.ToString("R", CultureInfo.InvariantCulture)));
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception) when (placed)
        {
            db.Entry(row).State = EntityState.Detached;
            File.Delete(path);
            throw;
        }
    }

    private static AuditEntry CreatedEntry(StudyCaller caller, string entityId, string field, string value) =>
        Entry(caller, entityId, field, null, value, AuditAction.Create);

    private static AuditEntry ActiveEntry(StudyCaller caller, string entityId, bool old, bool value) =>
        Entry(caller, entityId, nameof(RegisteredModel.IsActive), old ? "true" : "false", value ? "true" : "false", AuditAction.Update);

    private static AuditEntry Entry(StudyCaller caller, string entityId, string field, string? oldValue, string newValue, AuditAction action) => new()
    {
        UserId = caller.UserId,
        UserName = caller.UserName,
        EntityType = ImagingAuditEntityTypes.RegisteredModel,
        EntityId = entityId,
        Field = field,
        OldValue = oldValue,
        NewValue = newValue,
        Action = action,
    };

    private RegisteredModelSummary ToSummary(RegisteredModel row) => new(row.Id, row.Name, row.Version, row.Sha256, row.SizeBytes,
        row.ModelCard, row.DecisionThreshold, row.RegisteredBy, row.RegisteredAtUtc, row.IsActive);

    private static ValidationError AdministratorOnly() => new("", "AdministratorOnly", ImagingMessages.Get("RegistryAdministratorOnly"));

    private static ServiceResult<RegisteredModelSummary> Invalid(string field, string code, string message) =>
        ServiceResult<RegisteredModelSummary>.Fail(ServiceFailure.Invalid, new ValidationError(field, code, message));

    [LoggerMessage(EventId = 4300, Level = LogLevel.Information, Message = "Model {ModelId} registered: {ModelName} {ModelVersion} sha256:{Sha256}")]
    private static partial void LogModelRegistered(ILogger logger, int modelId, string modelName, string modelVersion, string sha256);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Model {ModelName} {ModelVersion} sha256:{Sha256} is now the current model for new inference jobs")]
    private static partial void LogModelActivated(ILogger logger, string modelName, string modelVersion, string sha256);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Information, Message = "{JobCount} inference jobs queued for model {ModelName} {ModelVersion}")]
    private static partial void LogJobsRequeued(ILogger logger, int jobCount, string modelName, string modelVersion);
}
