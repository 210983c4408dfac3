namespace StudyEdc.Core.Data;

/// <summary>The database engines StudyEdc runs on, chosen by the configuration key <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded file database, the default: one server, a pilot or a small site.</summary>
    Sqlite,
    SqlServer,
    PostgreSql,
}
