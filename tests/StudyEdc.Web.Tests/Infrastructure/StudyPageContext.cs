using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using MudBlazor.Services;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Sites;

namespace StudyEdc.Web.Tests.Infrastructure;

/// <summary>
/// Renders pages and forms with the real Core services over SQLite in a temporary folder, in English, signed in as
/// the user a test creates with <see cref="SignInAsync"/>.
/// </summary>
public abstract class StudyPageContext : BunitContext, IAsyncLifetime
{
    private readonly TemporaryDirectory _dataDirectory = new();
    private readonly CultureInfo _previousUiCulture = CultureInfo.CurrentUICulture;
    private readonly BunitAuthorizationContext _authorization;

    protected StudyPageContext()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddCoreOverSqlite(_dataDirectory.Path);
        _authorization = AddAuthorization();
    }

    protected IReadOnlyList<SiteSummary> Sites { get; private set; } = [];

    public virtual async ValueTask InitializeAsync()
    {
        await StudyDatabaseInitializer.InitializeAsync(Services, Xunit.TestContext.Current.CancellationToken);
        await using var scope = Services.CreateAsyncScope();
        Sites = await StudyFixtures.SitesAsync(scope.ServiceProvider);
    }

    protected async Task<StudyCaller> SignInAsync(string userName, string role, int? siteId)
    {
        await using var scope = Services.CreateAsyncScope();
        var caller = await StudyFixtures.CreateUserAsync(scope.ServiceProvider, userName, role, siteId);
        _authorization.SetAuthorized(caller.UserName);
        _authorization.SetRoles(role);
        _authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, caller.UserId));
        return caller;
    }

    protected async Task<int> EnrolAsync(int siteId)
    {
        await using var scope = Services.CreateAsyncScope();
        return (await StudyFixtures.EnrolAsync(scope.ServiceProvider, siteId, age: 55)).Id;
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        CultureInfo.CurrentUICulture = _previousUiCulture;
        _dataDirectory.Dispose();
        GC.SuppressFinalize(this);
    }
}
