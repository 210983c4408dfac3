using StudyEdc.Core.Identity;

namespace StudyEdc.Core.Drafts;

/// <summary>
/// Server-side drafts of what a user has typed into a form and not saved yet, kept per user and form instance
/// so a dropped connection, a reconnect or an idle timeout loses nothing. A draft is not study data: it is
/// neither audited nor visible to anyone but its author.
/// </summary>
public interface IFormDraftService
{
    /// <summary>Largest draft accepted, in UTF-16 characters.</summary>
    public const int MaxJsonLength = 64 * 1024;

    /// <summary>
    /// Stores (or replaces) the caller's draft of form <paramref name="formKey"/> (for example "participant")
    /// for record <paramref name="recordId"/>, or for a new record when it is null. Returns the UTC save time.
    /// </summary>
    Task<ServiceResult<DateTime>> SaveAsync(StudyCaller caller, string formKey, int? recordId, string json, CancellationToken cancellationToken = default);

    /// <summary>Returns the caller's draft JSON, or null when there is none.</summary>
    Task<string?> GetAsync(StudyCaller caller, string formKey, int? recordId, CancellationToken cancellationToken = default);

    /// <summary>Removes the caller's draft, if any (after a successful save or when the user discards it).</summary>
    Task DiscardAsync(StudyCaller caller, string formKey, int? recordId, CancellationToken cancellationToken = default);
}
