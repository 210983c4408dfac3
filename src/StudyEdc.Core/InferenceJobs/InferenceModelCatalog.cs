using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using StudyEdc.Core.Data;
using StudyEdc.Inference.Runtime;

namespace StudyEdc.Core.InferenceJobs;

/// <summary>
/// The model that new inference jobs use, and the file of the model a job recorded. The current model is the
/// Administrator's active registered model; with none active, the model named by <c>Inference:Model</c> (Name,
/// Version, Path, Sha256) when configured; otherwise the bundled reference model. A job's model is found again
/// from its name, version and SHA-256 among the registered, configured and bundled models.
/// </summary>
public sealed class InferenceModelCatalog(StudyDbContext db, IConfiguration configuration)
{
    public const string SectionName = "Inference:Model";

    /// <summary>Folder of registered model files, <c>{Storage:DataDirectory}/models/sha256</c>.</summary>
    public string RegisteredModelDirectory { get; } = Path.Combine(StudyDatabase.ResolveDataDirectory(configuration), "models", "sha256");

    public async Task<ModelReference> GetCurrentAsync(CancellationToken cancellationToken)
    {
        var active = await db.Set<RegisteredModel>().AsNoTracking().Where(m => m.IsActive)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (active is not null)
        {
            return ToReference(active);
        }

        return GetConfigured() ?? await BundledModel.LoadReferenceAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the model file of a job's recorded model, or null when no registered, configured or bundled model matches.</summary>
    public async Task<ModelReference?> ResolveAsync(string name, string version, string sha256, CancellationToken cancellationToken)
    {
        var hash = sha256.ToLowerInvariant();
        var registered = await db.Set<RegisteredModel>().AsNoTracking()
            .Where(m => m.Name == name && m.Version == version && m.Sha256 == hash)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (registered is not null)
        {
            return ToReference(registered);
        }

        if (GetConfigured() is { } configured && Matches(configured, name, version, sha256))
        {
            return configured;
        }

        var bundled = await BundledModel.LoadReferenceAsync(cancellationToken).ConfigureAwait(false);
        return Matches(bundled, name, version, sha256) ? bundled : null;
    }

    /// <summary>Returns where the registered model file with <paramref name="sha256"/> (lower-case hexadecimal) is stored.</summary>
    public string PathFor(string sha256) => Path.Combine(RegisteredModelDirectory, sha256 + ".onnx");

    private ModelReference ToReference(RegisteredModel model) => new(model.Name, model.Version, PathFor(model.Sha256), model.Sha256);

    private ModelReference? GetConfigured()
    {
        var section = configuration.GetSection(SectionName);
        var path = section["Path"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        return new ModelReference(
            Required(section, "Name"),
            Required(section, "Version"),
            Path.GetFullPath(path),
            Required(section, "Sha256").ToLowerInvariant());
    }

    private static bool Matches(ModelReference model, string name, string version, string sha256) =>
        string.Equals(model.Name, name, StringComparison.Ordinal)
        && string.Equals(model.Version, version, StringComparison.Ordinal)
        && string.Equals(model.Sha256, sha256, StringComparison.OrdinalIgnoreCase);

    private static string Required(IConfigurationSection section, string key) =>
        section[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{SectionName}:{key} is missing. Set Name, Version and Sha256 together with {SectionName}:Path.");
}
