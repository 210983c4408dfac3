using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;

namespace StudyEdc.Core.Verification;

/// <summary>
/// The life cycle of every casebook form with the participant form's <see cref="FormStatusRules"/>: a coordinator
/// completes a draft, a Monitor marks it source-data verified (SDV), a Principal Investigator or an Administrator
/// locks it; every step back and every lock or unlock needs a reason. All steps are audited.
/// </summary>
public interface ICrfStatusService
{
    /// <summary>Moves one form (by form key and record id; the participant id for the participant form) to <paramref name="target"/>.</summary>
    Task<ServiceResult<CasebookForm>> ChangeStatusAsync(StudyCaller caller, string formKey, int recordId, FormStatus target, Guid expectedVersion, string? reason, CancellationToken cancellationToken = default);

    /// <summary>Every form of the participant's casebook with its status, in casebook order; empty when out of scope.</summary>
    Task<IReadOnlyList<CasebookForm>> ListFormsAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default);

    /// <summary>Locks every form of the casebook at once; every form must be verified. Principal Investigators and Administrators, with a reason.</summary>
    Task<ServiceResult<IReadOnlyList<CasebookForm>>> LockCasebookAsync(StudyCaller caller, int participantId, string? reason, CancellationToken cancellationToken = default);

    /// <summary>Unlocks every locked form of the casebook back to verified, with a reason.</summary>
    Task<ServiceResult<IReadOnlyList<CasebookForm>>> UnlockCasebookAsync(StudyCaller caller, int participantId, string? reason, CancellationToken cancellationToken = default);
}

/// <summary>One form of a casebook and its status; <c>Number</c> is the lesion number for lesion forms, otherwise null.</summary>
public sealed record CasebookForm(string FormKey, int RecordId, int? Number, FormStatus Status, DateTime UpdatedAtUtc, Guid Version);
