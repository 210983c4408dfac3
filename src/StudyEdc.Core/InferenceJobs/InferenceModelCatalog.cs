using Microsoft.Extensions.Configuration;
using StudyEdc.Inference.Runtime;

namespace StudyEdc.Core.InferenceJobs;

/// <summary>
/// The model that new inference jobs use: the one named by <c>Inference:Model</c> (Name, Version, Path, Sha256)
/// when configured, otherwise the bundled reference model. Jobs record the model's identity, and a job's file is
/// found again from that identity when a worker claims it.
/// </summary>
/// <remarks>
/// TODO: replace the configuration by the Administrator's model registry once it exists. Until then only the
/// configured model and the bundled one can be resolved, so a job queued for an older model fails with that reason.
/// </remarks>
public sealed class InferenceModelCatalog(IConfiguration configuration)
{
    public const string SectionName = "Inference:Model";

    public async Task<ModelReference> GetCurrentAsync(CancellationToken cancellationToken)
    {
        var section = configuration.GetSection(SectionName);
        var path = section["Path"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return await BundledModel.LoadReferenceAsync(cancellationToken).ConfigureAwait(false);
        }

        return new ModelReference(
            Required(section, "Name"),
            Required(section, "Version"),
            Path.GetFullPath(path),
            Required(section, "Sha256").ToLowerInvariant());
    }

    /// <summary>Returns the model file of a job's recorded model, or null when this process does not know it.</summary>
    public async Task<ModelReference?> ResolveAsync(string name, string version, string sha256, CancellationToken cancellationToken)
    {
        var current = await GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        if (Matches(current, name, version, sha256))
        {
            return current;
        }

        var bundled = await BundledModel.LoadReferenceAsync(cancellationToken).ConfigureAwait(false);
        return Matches(bundled, name, version, sha256) ? bundled : null;
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
