using Microsoft.Playwright;

namespace StudyEdc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One web host for all browser tests of this assembly, on a database prepared before it starts: the configured
/// sites and the <see cref="TestUsers"/>, each with <see cref="TestUsers.Password"/> and no forced password
/// change. Also one Chromium. Both start on the first <see cref="OpenSessionAsync"/>, so a machine without Chromium
/// skips the tests instead of failing the fixture.
/// </summary>
/// <remarks>
/// Tests share this database. A test creates the participants and records it needs and asserts only on those,
/// never on counts over the whole study. A test that needs a study without data starts its own
/// <see cref="WebServerProcess"/>.
/// </remarks>
public sealed class StudyEdcFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private PreparedDatabase? _database;
    private WebServerProcess? _server;
    private ChromiumBrowser? _browser;
    private Task? _start;

    /// <summary>The prepared database, once a session or <see cref="GetDatabaseAsync"/> has started the fixture.</summary>
    public PreparedDatabase Database => _database
        ?? throw new InvalidOperationException("The fixture has not started yet: use await GetDatabaseAsync(), or open a session first.");

    /// <summary>Starts the fixture if needed and returns the prepared database, for creating test data through Core services.</summary>
    public async Task<PreparedDatabase> GetDatabaseAsync() => (await StartAsync(TestContext.Current.CancellationToken)).Database;

    /// <summary>Console output of the web host so far, for failure messages.</summary>
    public string ServerOutput => _server?.Output ?? "";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Starts a second, separate instance (its own Chromium, prepared database and web host) for a test that changes
    /// study-wide state, such as the analysis plan's lock, which the shared host's other tests must not see. The
    /// caller disposes it.
    /// </summary>
    public static async Task<StudyEdcFixture> StartSeparateAsync()
    {
        var separate = new StudyEdcFixture();
        try
        {
            await separate.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await separate.DisposeAsync();
            throw;
        }

        return separate;
    }

    /// <summary>Opens a browser session (own cookies) on the shared web host, starting both on the first call.</summary>
    /// <param name="screenshotFolder">Folder under TestResults/screenshots; null for the test method's name.</param>
    public async Task<BrowserSession> OpenSessionAsync(string? screenshotFolder = null)
    {
        var (browser, server, database) = await StartAsync(TestContext.Current.CancellationToken);
        return await BrowserSession.OpenAsync(browser, server.BaseAddress, database.AuthenticatorKey, screenshotFolder);
    }

    /// <summary>
    /// Opens a session, runs <paramref name="steps"/> and closes it. When a step fails the page is saved as
    /// failure.png beside the step screenshots and the web host's output is attached to the test result.
    /// </summary>
    public async Task RunInBrowserAsync(Func<BrowserSession, Task> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);

        var session = await OpenSessionAsync();
        await using (session)
        {
            try
            {
                await steps(session);
            }
            catch (Exception)
            {
                await SaveFailureAsync(session);
                throw;
            }
        }
    }

    /// <summary>Saves the page as failure.png and attaches the web host's output to the current test result.</summary>
    public async Task SaveFailureAsync(BrowserSession session)
    {
        ArgumentNullException.ThrowIfNull(session);

        try
        {
            await session.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(session.ScreenshotDirectory, "failure.png"), FullPage = true });
        }
        catch (PlaywrightException exception)
        {
            // A crashed page cannot be captured; the test's own exception is the one to report.
            TestContext.Current.SendDiagnosticMessage($"failure.png not saved: {exception.Message}");
        }

        TestContext.Current.AddAttachment("web-host-output", ServerOutput);
    }

    /// <summary>
    /// Starts Chromium, the prepared database and the web host once. A failed start, or a skip for a missing
    /// Chromium, is remembered, so every later test reports it at once instead of preparing everything again.
    /// </summary>
    private async Task<(ChromiumBrowser Browser, WebServerProcess Server, PreparedDatabase Database)> StartAsync(CancellationToken cancellationToken)
    {
        await _startLock.WaitAsync(cancellationToken);
        try
        {
            _start ??= StartOnceAsync();
        }
        finally
        {
            _startLock.Release();
        }

        await _start;
        return (_browser!, _server!, _database!);
    }

    private async Task StartOnceAsync()
    {
        // The start outlives the first test, so it must not stop when that test's token is cancelled.
        _browser = await ChromiumBrowser.LaunchAsync();
        var dataDirectory = WebServerProcess.NewDataDirectory();
        _database = await PreparedDatabase.CreateAsync(dataDirectory, TestUsers.Standard, CancellationToken.None);
        _server = await WebServerProcess.StartAsync(dataDirectory, bootstrapPassword: "", CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        // The web host deletes the data folder, so it goes after the prepared database has closed the file.
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _startLock.Dispose();
    }
}
