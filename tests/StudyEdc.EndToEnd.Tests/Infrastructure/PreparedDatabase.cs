using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StudyEdc.Core;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Sites;
using StudyEdc.Web.Hosting;

namespace StudyEdc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The SQLite database of a data folder, prepared in the test process before the web host starts. It registers the
/// same services as the web host (Core, Identity with its password policy), runs the real database initializer and
/// creates users through <see cref="IUserAdministrationService"/>, so the database contains what an administrator would
/// have made in the application. The services stay available for tests that prepare data through Core while the
/// web host runs on the same database file.
/// </summary>
public sealed class PreparedDatabase : IAsyncDisposable
{
    private const string BootstrapPassword = "E2e#Bootstrap-2026";

    private readonly WebApplication _host;
    private readonly Dictionary<string, string> _authenticatorKeys = new(StringComparer.Ordinal);

    private PreparedDatabase(WebApplication host, string dataDirectory)
    {
        _host = host;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    /// <summary>Services of the test process on the prepared database, as the web host registers them.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// Migrates a new database in <paramref name="dataDirectory"/>, seeds the configured sites, and creates
    /// <paramref name="users"/> with <see cref="TestUsers.Password"/>. The bootstrap administrator gets the same
    /// password and an authenticator key (see <see cref="AuthenticatorKey"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">A user could not be created; the message names the user and the rule.</exception>
    public static async Task<PreparedDatabase> CreateAsync(string dataDirectory, IEnumerable<TestUser> users, CancellationToken cancellationToken)
    {
        var host = BuildHost(dataDirectory);
        var database = new PreparedDatabase(host, dataDirectory);
        try
        {
            await StudyDatabaseInitializer.InitializeAsync(host.Services, TextWriter.Null, cancellationToken);
            await database.PrepareAdministratorAsync(cancellationToken);
            foreach (var user in users)
            {
                await database.CreateUserAsync(user, cancellationToken);
            }
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }

        return database;
    }

    /// <summary>The base32 authenticator key of a prepared user with TOTP enabled, or null.</summary>
    public string? AuthenticatorKey(string userName) => _authenticatorKeys.GetValueOrDefault(userName);

    /// <summary>The <see cref="StudyCaller"/> of a prepared user, for calling Core services on that user's behalf.</summary>
    /// <exception cref="InvalidOperationException">No active user has that name.</exception>
    public async Task<StudyCaller> CallerAsync(string userName, CancellationToken cancellationToken)
    {
        var scope = _host.Services.CreateAsyncScope();
        await using (scope)
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<StudyUser>>().FindByNameAsync(userName)
                ?? throw new InvalidOperationException($"No user '{userName}' in the prepared database.");
            return await scope.ServiceProvider.GetRequiredService<StudyCallerFactory>().FromUserIdAsync(user.Id, cancellationToken)
                ?? throw new InvalidOperationException($"User '{userName}' is deactivated.");
        }
    }

    /// <summary>Runs <paramref name="action"/> with Core services of a new scope, on behalf of <paramref name="user"/>.</summary>
    public async Task<T> RunAsAsync<T>(TestUser user, Func<IServiceProvider, StudyCaller, Task<T>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(action);

        var caller = await CallerAsync(user.UserName, cancellationToken);
        var scope = _host.Services.CreateAsyncScope();
        await using (scope)
        {
            return await action(scope.ServiceProvider, caller);
        }
    }

    private static WebApplication BuildHost(string dataDirectory)
    {
        // The content root is the test output folder, whose appsettings.json (copied from the repository root) lists
        // the study's sites, as the web host reads it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StudyDatabase.ProviderKey] = nameof(DatabaseProvider.Sqlite),
            [$"ConnectionStrings:{StudyDatabase.ConnectionStringName}"] = "",
            [StudyDatabase.DataDirectoryKey] = dataDirectory,
            [StudyDatabaseInitializer.BootstrapPasswordKey] = BootstrapPassword,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddStudyEdcWeb(builder.Configuration);
        return builder.Build();
    }

    /// <summary>Changes the bootstrap password (which clears MustChangePassword) and enables TOTP, as the first sign-in would.</summary>
    private async Task PrepareAdministratorAsync(CancellationToken cancellationToken)
    {
        var caller = await CallerAsync(StudyDatabaseInitializer.BootstrapAdminUserName, cancellationToken);
        var scope = _host.Services.CreateAsyncScope();
        await using (scope)
        {
            var administration = scope.ServiceProvider.GetRequiredService<IUserAdministrationService>();
            ThrowIfFailed(await administration.ChangeOwnPasswordAsync(caller, BootstrapPassword, TestUsers.Password, cancellationToken), caller.UserName);

            var userManager = scope.ServiceProvider.GetRequiredService<UserManager<StudyUser>>();
            var user = await userManager.FindByIdAsync(caller.UserId) ?? throw new InvalidOperationException("The bootstrap administrator is missing.");
            ThrowIfFailed(await userManager.ResetAuthenticatorKeyAsync(user), caller.UserName);
            ThrowIfFailed(await userManager.SetTwoFactorEnabledAsync(user, true), caller.UserName);
            _authenticatorKeys[caller.UserName] = await userManager.GetAuthenticatorKeyAsync(user)
                ?? throw new InvalidOperationException("Identity stored no authenticator key for the bootstrap administrator.");
        }
    }

    private async Task CreateUserAsync(TestUser user, CancellationToken cancellationToken)
    {
        var administrator = await CallerAsync(StudyDatabaseInitializer.BootstrapAdminUserName, cancellationToken);
        var scope = _host.Services.CreateAsyncScope();
        await using (scope)
        {
            var provider = scope.ServiceProvider;
            int? siteId = null;
            if (user.SiteCode is not null)
            {
                var sites = await provider.GetRequiredService<ISiteService>().ListAsync(administrator, cancellationToken);
                siteId = sites.SingleOrDefault(s => s.Code == user.SiteCode)?.Id
                    ?? throw new InvalidOperationException(
                        $"Test user {user.UserName} names site {user.SiteCode}, which appsettings.json does not list. Use one of: {string.Join(", ", sites.Select(s => s.Code))}.");
            }

            var administration = provider.GetRequiredService<IUserAdministrationService>();
            var created = await administration.CreateAsync(administrator, new NewUserInput(user.UserName, user.DisplayName, null, user.Role, siteId), cancellationToken);
            ThrowIfFailed(created, user.UserName);

            // The user's own password change replaces the one-time password and clears MustChangePassword.
            var caller = await CallerAsync(user.UserName, cancellationToken);
            ThrowIfFailed(await administration.ChangeOwnPasswordAsync(caller, created.Value!.OneTimePassword, TestUsers.Password, cancellationToken), user.UserName);
        }
    }

    private static void ThrowIfFailed<T>(ServiceResult<T> result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Preparing test user {userName} failed ({result.Failure}): {string.Join(" ", result.Errors.Select(e => e.Message))}");
        }
    }

    private static void ThrowIfFailed(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Preparing test user {userName} failed: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();

        // Pooled connections keep the database file open; the web host process deletes the folder afterwards.
        SqliteConnection.ClearAllPools();
    }
}
