using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StudyEdc.Core;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.TestSupport;

namespace StudyEdc.Core.Tests.Infrastructure;

/// <summary>
/// A migrated and initialized StudyEdc database with the Core services over it, configured like the web host
/// (the repository's appsettings.json supplies the five sites). SQLite databases are copies of one template
/// made per test run, so each test starts from the same fresh state in milliseconds.
/// </summary>
public sealed class StudyTestDatabase : IAsyncDisposable
{
    /// <summary>Bootstrap password used by test databases, so initialization does not print a generated one.</summary>
    public const string BootstrapPassword = "Test-Bootstrap-Pa55word!";

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _sqliteTemplate;

    private readonly ServiceProvider _services;
    private readonly List<AsyncServiceScope> _scopes = [];
    private readonly Func<ValueTask> _cleanup;

    private StudyTestDatabase(ServiceProvider services, DatabaseProvider provider, string connectionString, Func<ValueTask> cleanup)
    {
        _services = services;
        Provider = provider;
        ConnectionString = connectionString;
        _cleanup = cleanup;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public IServiceProvider Services => _services;

    /// <summary>Creates a fresh SQLite database in a temporary file.</summary>
    public static async Task<StudyTestDatabase> CreateSqliteAsync()
    {
        var template = await GetSqliteTemplateAsync().ConfigureAwait(false);
        var directory = Directory.CreateTempSubdirectory("studyedc-test-");
        File.Copy(template, Path.Combine(directory.FullName, StudyDatabase.SqliteFileName));
        var connectionString = StudyDatabase.SqliteConnectionStringFor(directory.FullName);

        return new StudyTestDatabase(BuildServices(DatabaseProvider.Sqlite, connectionString), DatabaseProvider.Sqlite, connectionString, () =>
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>
    /// Creates, migrates and initializes a PostgreSQL database named <paramref name="databaseName"/> on the server
    /// of <paramref name="serverConnectionString"/>; disposing drops it.
    /// </summary>
    public static async Task<StudyTestDatabase> CreatePostgresAsync(string serverConnectionString, string databaseName)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = databaseName }.ConnectionString;
        var services = BuildServices(DatabaseProvider.PostgreSql, connectionString);
        await StudyDatabaseInitializer.InitializeAsync(services, TextWriter.Null).ConfigureAwait(false);

        return new StudyTestDatabase(services, DatabaseProvider.PostgreSql, connectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            var server = new NpgsqlConnection(serverConnectionString);
            await using (server.ConfigureAwait(false))
            {
                await server.OpenAsync().ConfigureAwait(false);
                var drop = server.CreateCommand();
                await using (drop.ConfigureAwait(false))
                {
                    drop.CommandText = $"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)";
                    await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
                }
            }
        });
    }

    /// <summary>Resolves a service in a new scope, as a new web request would; the scope lives until disposal.</summary>
    public T Get<T>()
        where T : notnull
    {
        var scope = _services.CreateAsyncScope();
        _scopes.Add(scope);
        return scope.ServiceProvider.GetRequiredService<T>();
    }

    /// <summary>A new context of its own scope, for arranging data and reading it back.</summary>
    public StudyDbContext NewContext() => Get<StudyDbContext>();

    public async Task<int> SiteIdAsync(string code)
    {
        var db = NewContext();
        return await db.Sites.Where(s => s.Code == code).Select(s => s.Id).SingleAsync();
    }

    /// <summary>
    /// Adds an active user with <paramref name="role"/> (and the site of <paramref name="siteCode"/>, for
    /// site-bound roles) straight to the database, without a password, and returns its caller.
    /// </summary>
    public async Task<StudyCaller> CreateCallerAsync(string role, string? siteCode = null)
    {
        int? siteId = siteCode is null ? null : await SiteIdAsync(siteCode);
        var db = NewContext();
        var userName = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..30];
        var user = new StudyUser
        {
            UserName = userName,
            NormalizedUserName = userName.ToUpperInvariant(),
            DisplayName = userName,
            SiteId = siteId,
            SecurityStamp = Guid.NewGuid().ToString(),
            LockoutEnabled = true,
        };
        db.Users.Add(user);
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync();
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        await db.SaveChangesAsync();

        return new StudyCaller(user.Id, userName, new HashSet<string>([role], StringComparer.Ordinal), siteId);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }

        await _services.DisposeAsync();
        await _cleanup();
    }

    /// <summary>The services of the web host that Core needs: configuration, logging, Identity stores and Core.</summary>
    public static ServiceProvider BuildServices(DatabaseProvider provider, string connectionString, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            [StudyDatabase.ProviderKey] = provider.ToString(),
            ["ConnectionStrings:" + StudyDatabase.ConnectionStringName] = connectionString,
            [StudyDatabaseInitializer.BootstrapPasswordKey] = BootstrapPassword,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryPaths.Root, "appsettings.json"), optional: false)
            .AddInMemoryCollection(values)
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddIdentityCore<StudyUser>(StudyIdentityOptions.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<StudyDbContext>();
        services.AddStudyEdcCore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static async Task<string> GetSqliteTemplateAsync()
    {
        await TemplateLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_sqliteTemplate is not null)
            {
                return _sqliteTemplate;
            }

            // One template per test process in the temporary folder, so two runs at once do not replace each
            // other's file. It is removed when the process exits.
            var directory = Directory.CreateTempSubdirectory("studyedc-sqlite-template-");
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(directory);
            var services = BuildServices(DatabaseProvider.Sqlite, StudyDatabase.SqliteConnectionStringFor(directory.FullName));
            await using (services.ConfigureAwait(false))
            {
                await StudyDatabaseInitializer.InitializeAsync(services, TextWriter.Null).ConfigureAwait(false);
            }

            // Closing the last connection checkpoints the write-ahead log into the file, so the copy is complete.
            SqliteConnection.ClearAllPools();
            _sqliteTemplate = Path.Combine(directory.FullName, StudyDatabase.SqliteFileName);
            return _sqliteTemplate;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static void DeleteQuietly(DirectoryInfo directory)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still open at exit stays behind in the temporary folder; nothing depends on it.
        }
    }
}
