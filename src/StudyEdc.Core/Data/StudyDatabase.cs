using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace StudyEdc.Core.Data;

/// <summary>
/// Reads the database settings (<c>Database:Provider</c>, <c>ConnectionStrings:StudyEdc</c>,
/// <c>Storage:DataDirectory</c>) and configures a <see cref="StudyDbContext"/> for the chosen provider with that
/// provider's migrations assembly.
/// </summary>
public static class StudyDatabase
{
    public const string ProviderKey = "Database:Provider";
    public const string ConnectionStringName = "StudyEdc";
    public const string DataDirectoryKey = "Storage:DataDirectory";
    public const string DefaultDataDirectory = "./data";
    public const string SqliteFileName = "studyedc.db";

    /// <summary>Reads <c>Database:Provider</c>; Sqlite when absent.</summary>
    /// <exception cref="InvalidOperationException">The value names no supported provider.</exception>
    public static DatabaseProvider ReadProvider(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        return ParseProvider(configuration[ProviderKey]);
    }

    /// <summary>Parses a provider name case-insensitively; null or empty means Sqlite.</summary>
    /// <exception cref="InvalidOperationException">The value names no supported provider.</exception>
    public static DatabaseProvider ParseProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        if (Enum.TryParse<DatabaseProvider>(value.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider))
        {
            return provider;
        }

        throw new InvalidOperationException(
            $"Database provider '{value}' is not supported. Set {ProviderKey} to Sqlite, SqlServer or PostgreSql.");
    }

    /// <summary>
    /// Returns <c>ConnectionStrings:StudyEdc</c>. Without one, Sqlite uses <c>{Storage:DataDirectory}/studyedc.db</c>
    /// and creates the directory; the other providers require the connection string.
    /// </summary>
    /// <exception cref="InvalidOperationException">SqlServer or PostgreSql is chosen without a connection string.</exception>
    public static string ResolveConnectionString(IConfiguration configuration, DatabaseProvider provider)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        if (provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is missing, and the {provider} provider needs one. "
                + "Set it in appsettings.json or the environment variable ConnectionStrings__StudyEdc.");
        }

        return SqliteConnectionStringFor(ResolveDataDirectory(configuration));
    }

    /// <summary>Returns the full path of <c>Storage:DataDirectory</c> (default ./data) and creates it if missing.</summary>
    public static string ResolveDataDirectory(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var configured = configuration[DataDirectoryKey];
        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? DefaultDataDirectory : configured);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>The SQLite connection string of the database file in <paramref name="dataDirectory"/>.</summary>
    public static string SqliteConnectionStringFor(string dataDirectory) =>
        $"Data Source={Path.Combine(dataDirectory, SqliteFileName)}";

    public static string MigrationsAssembly(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "StudyEdc.Migrations.Sqlite",
        DatabaseProvider.SqlServer => "StudyEdc.Migrations.SqlServer",
        DatabaseProvider.PostgreSql => "StudyEdc.Migrations.PostgreSql",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    /// <summary>Configures <paramref name="builder"/> for the provider and its migrations assembly.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var migrationsAssembly = MigrationsAssembly(provider);
        return provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(connectionString, o => o.MigrationsAssembly(migrationsAssembly)),
            DatabaseProvider.SqlServer => builder.UseSqlServer(connectionString, o => o.MigrationsAssembly(migrationsAssembly)),
            DatabaseProvider.PostgreSql => builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(migrationsAssembly)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
    }

    /// <summary>Options for a context outside dependency injection: the CLI, design-time factories and tests.</summary>
    public static DbContextOptions<StudyDbContext> CreateOptions(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<StudyDbContext>();
        Configure(builder, provider, connectionString);
        return builder.Options;
    }
}
