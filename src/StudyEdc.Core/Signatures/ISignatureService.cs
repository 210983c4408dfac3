using StudyEdc.Core.Identity;

namespace StudyEdc.Core.Signatures;

/// <summary>
/// Electronic signature of a participant's casebook by a Principal Investigator (21 CFR Part 11 style): the
/// password is re-entered at signing, the meaning is shown before and stored with the signature, and any later data
/// change voids it visibly. Signing and its failures are audited.
/// </summary>
public interface ISignatureService
{
    /// <summary>The meaning text the signer must see before signing, in the current UI language; null when out of scope.</summary>
    Task<string?> GetMeaningAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Signs the casebook. Only Principal Investigators sign, with their own password. Every form must be at least
    /// complete, the clinical CRF must exist, and every query must be closed.
    /// </summary>
    Task<ServiceResult<SignatureView>> SignAsync(StudyCaller caller, int participantId, string password, CancellationToken cancellationToken = default);

    /// <summary>Every signature of the casebook, oldest first, each with whether it still holds; empty when out of scope.</summary>
    Task<IReadOnlyList<SignatureView>> ListAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default);
}

/// <summary>A casebook signature; <c>VoidedBy</c> is the first data change after signing, which voids it, or null while it holds.</summary>
public sealed record SignatureView(
    int Id,
    string SignerUserName,
    string SignerDisplayName,
    string MeaningCode,
    string Meaning,
    DateTime SignedAtUtc,
    bool IsValid,
    SignatureVoidingChange? VoidedBy);

/// <summary>The audited change that voided a signature: the record, the field, the user and the time.</summary>
public sealed record SignatureVoidingChange(long AuditEntryId, string EntityType, string EntityId, string? Field, string UserName, DateTime TimestampUtc);
