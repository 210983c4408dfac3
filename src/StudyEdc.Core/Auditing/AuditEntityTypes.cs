namespace StudyEdc.Core.Auditing;

/// <summary>Values of <see cref="AuditEntry.EntityType"/>.</summary>
public static class AuditEntityTypes
{
    public const string Participant = "Participant";
    public const string Site = "Site";
    public const string User = "User";

    /// <summary>Sign-ins and other account events; the entity id is the user id, empty for an unknown user name.</summary>
    public const string Account = "Account";

    /// <summary>Exports; the entity id names the kind of export.</summary>
    public const string Export = "Export";
}
