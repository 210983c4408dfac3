namespace StudyEdc.Core.Auditing;

/// <summary>
/// One row of the audit trail: one changed field of one record, or one event such as a sign-in or an export.
/// Rows are append-only and chained: <see cref="Hash"/> is SHA-256 over this row's canonical serialization,
/// which includes <see cref="PreviousHash"/>, so changing or removing any earlier row breaks every later link.
/// </summary>
public class AuditEntry
{
    /// <summary>Position in the chain, 1, 2, 3, … without gaps; assigned when the row is appended.</summary>
    public long Id { get; set; }

    /// <summary>UTC time of the change, truncated to whole microseconds so every provider stores it exactly.</summary>
    public DateTime TimestampUtc { get; set; }

    /// <summary>Identity user id of the actor; null for a failed sign-in with an unknown user name.</summary>
    public string? UserId { get; set; }

    /// <summary>Sign-in name of the actor, or the name typed at a failed sign-in.</summary>
    public string UserName { get; set; } = "";

    /// <summary>Site of the record, or null for study-wide records and account events.</summary>
    public int? SiteId { get; set; }

    /// <summary>Kind of record, for example "Participant", "Site", "User", "Export".</summary>
    public string EntityType { get; set; } = "";

    /// <summary>Primary key of the record as invariant text; empty for events without a record.</summary>
    public string EntityId { get; set; } = "";

    /// <summary>Property name of the changed field; null for events that concern the whole record.</summary>
    public string? Field { get; set; }

    /// <summary>Value before the change as invariant text; null when the field was empty or the record new.</summary>
    public string? OldValue { get; set; }

    /// <summary>Value after the change as invariant text; null when the field is now empty or the record deleted.</summary>
    public string? NewValue { get; set; }

    public AuditAction Action { get; set; }

    /// <summary>Why the change was made; required once a form is complete.</summary>
    public string? Reason { get; set; }

    /// <summary>Hash of the entry before this one; 64 zeros for the first entry.</summary>
    public string PreviousHash { get; set; } = "";

    /// <summary>Lower-case hexadecimal SHA-256 of this entry (see <see cref="AuditHasher"/>).</summary>
    public string Hash { get; set; } = "";
}

/// <summary>What an audit entry records.</summary>
public enum AuditAction
{
    Create,
    Update,
    Delete,
    StatusChange,
    SignIn,
    SignInFailed,
    SignOut,
    LockedOut,
    TwoFactorEnabled,
    TwoFactorDisabled,
    TwoFactorFailed,
    PasswordChanged,
    PasswordReset,
    RoleChanged,
    Export,

    /// <summary>A rejected attempt to sign a casebook electronically; the new value is the rejection's code.</summary>
    SignatureFailed,
}
