using System.Globalization;
using Microsoft.Playwright;

namespace StudyEdc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One browser context (its own cookies) and page on the web host, with the steps that most tests share. It signs
/// in, waits for the Blazor circuit, and saves a numbered screenshot of each step under
/// TestResults/screenshots/&lt;test method&gt;/ in the test output folder.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    /// <summary>
    /// URL wait options after a navigation. Blazor's enhanced navigation swaps the page without a full load, so a URL
    /// wait must not also wait for the load event. Each step then waits for the element it needs.
    /// </summary>
    public static readonly PageWaitForURLOptions AfterNavigation = new() { WaitUntil = WaitUntilState.Commit };

    // Screenshot numbers run on across the sessions of one test, so the files sort in the order of its steps.
    private static readonly Dictionary<string, int> ScreenshotCounts = new(StringComparer.Ordinal);
    private static readonly HashSet<string> ClearedDirectories = new(StringComparer.Ordinal);

    private readonly IBrowserContext _context;
    private readonly Func<string, string?> _authenticatorKeys;

    private BrowserSession(IBrowserContext context, IPage page, Uri baseAddress, string screenshotDirectory, Func<string, string?> authenticatorKeys)
    {
        _context = context;
        _authenticatorKeys = authenticatorKeys;
        Page = page;
        BaseAddress = baseAddress;
        ScreenshotDirectory = screenshotDirectory;
    }

    public IPage Page { get; }

    public Uri BaseAddress { get; }

    /// <summary>TestResults/screenshots/&lt;name&gt;/ under the test output folder.</summary>
    public string ScreenshotDirectory { get; }

    /// <summary>
    /// Opens a new context on <paramref name="baseAddress"/>. Screenshots go to a folder named
    /// <paramref name="screenshotFolder"/>, by default the current test method's name.
    /// </summary>
    /// <param name="browser">The launched browser.</param>
    /// <param name="baseAddress">Address of the web host.</param>
    /// <param name="authenticatorKeys">Returns the TOTP key of a user name, or null for users without TOTP.</param>
    /// <param name="screenshotFolder">Folder name under TestResults/screenshots; null for the test method's name.</param>
    public static async Task<BrowserSession> OpenAsync(
        ChromiumBrowser browser,
        Uri baseAddress,
        Func<string, string?> authenticatorKeys,
        string? screenshotFolder = null)
    {
        ArgumentNullException.ThrowIfNull(browser);

        var folder = screenshotFolder ?? TestContext.Current.TestMethod?.MethodName ?? "unnamed-test";
        var screenshotDirectory = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots", folder);
        lock (ClearedDirectories)
        {
            // Screenshots of an earlier run would mix with this run's numbering, so the first session of a test
            // in this run empties its folder. The rows of a theory share the folder and keep each other's files.
            if (ClearedDirectories.Add(screenshotDirectory) && Directory.Exists(screenshotDirectory))
            {
                Directory.Delete(screenshotDirectory, recursive: true);
            }
        }

        Directory.CreateDirectory(screenshotDirectory);

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page, baseAddress, screenshotDirectory, authenticatorKeys);
    }

    /// <summary>
    /// Signs in on the sign-in page and waits until the browser has left it. For a user with TOTP the current code
    /// is entered on the second page. A user who must change the password lands on that page, which the caller handles.
    /// </summary>
    public async Task SignInAsync(TestUser user, string password = TestUsers.Password)
    {
        ArgumentNullException.ThrowIfNull(user);

        await SignInAsync(user.UserName, password);
        var authenticatorKey = _authenticatorKeys(user.UserName);
        if (authenticatorKey is null)
        {
            await Page.WaitForURLAsync(url => !IsAt(url, "/Account/Login"), AfterNavigation);
            return;
        }

        await Page.WaitForURLAsync(url => IsAt(url, "/Account/LoginWith2fa"), AfterNavigation);
        await Page.FillAsync("#two-factor-code", Totp.Compute(authenticatorKey, DateTimeOffset.UtcNow));
        await Page.ClickAsync("#two-factor-submit");
        await Page.WaitForURLAsync(url => !IsAt(url, "/Account/LoginWith2fa"), AfterNavigation);
    }

    /// <summary>Fills and submits the sign-in form without waiting for the outcome.</summary>
    public async Task SignInAsync(string userName, string password)
    {
        await Page.GotoAsync("/Account/Login");
        await Page.FillAsync("#login-user-name", userName);
        await Page.FillAsync("#login-password", password);
        await Page.ClickAsync("#login-submit");
    }

    /// <summary>Completes the forced password change that follows a first sign-in with a one-time password.</summary>
    public async Task ChangePasswordAsync(string currentPassword, string newPassword)
    {
        await Page.WaitForURLAsync(url => IsAt(url, "/Account/ChangePassword"), AfterNavigation);
        await Page.FillAsync("#current-password", currentPassword);
        await Page.FillAsync("#new-password", newPassword);
        await Page.FillAsync("#confirm-password", newPassword);
        await Page.ClickAsync("#change-password-submit");
    }

    public async Task SignOutAsync()
    {
        await Page.Locator("#logout-form button").ClickAsync();
        await Page.WaitForURLAsync(url => IsAt(url, "/Account/Login"), AfterNavigation);
    }

    /// <summary>Opens <paramref name="path"/> and waits for its Blazor circuit, so that input is not lost.</summary>
    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitForCircuitAsync();
    }

    /// <summary>Waits until the page's Blazor circuit is connected; input typed before that is lost.</summary>
    public Task WaitForCircuitAsync() =>
        Page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    /// <summary>The input inside a MudBlazor field with this data-testid (MudBlazor puts the attribute on the input or its wrapper).</summary>
    public ILocator Input(string testId) =>
        Page.Locator($"[data-testid={testId}] input, input[data-testid={testId}], [data-testid={testId}] textarea, textarea[data-testid={testId}]").First;

    /// <summary>
    /// Chooses <paramref name="value"/> in the MudSelect with this data-testid whose items are the values of
    /// <typeparamref name="TEnum"/> in declaration order, as the CRF choice fields list them. The item is found by
    /// position, so the choice does not depend on the UI language.
    /// </summary>
    public Task ChooseAsync<TEnum>(string testId, TEnum value)
        where TEnum : struct, Enum =>
        ChooseAsync(testId, items => items.Nth(Array.IndexOf(Enum.GetValues<TEnum>(), value)));

    /// <summary>Chooses the first item containing <paramref name="text"/> in the MudSelect with this data-testid.</summary>
    public Task ChooseAsync(string testId, string text) =>
        ChooseAsync(testId, items => items.Filter(new LocatorFilterOptions { HasText = text }).First);

    private async Task ChooseAsync(string testId, Func<ILocator, ILocator> pickItem)
    {
        await Page.Locator($"[data-testid={testId}]").First.ClickAsync();
        var item = pickItem(Page.Locator(".mud-popover-open .mud-list-item"));
        await item.ClickAsync();

        // The list closes once the choice is taken; the next field's list must not be confused with this one.
        await Page.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
    }

    /// <summary>
    /// Types a date (yyyy-MM-dd, the study's date format) into the editable MudDatePicker with this data-testid
    /// and leaves the field, which commits the value.
    /// </summary>
    public async Task FillDateAsync(string testId, DateOnly date)
    {
        var input = Input(testId);
        await input.FillAsync(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await input.PressAsync("Tab");
    }

    /// <summary>Saves a full-page screenshot named by a running number and <paramref name="step"/>, and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string step)
    {
        int number;
        lock (ScreenshotCounts)
        {
            number = ScreenshotCounts.GetValueOrDefault(ScreenshotDirectory) + 1;
            ScreenshotCounts[ScreenshotDirectory] = number;
        }

        var path = Path.Combine(ScreenshotDirectory, string.Create(CultureInfo.InvariantCulture, $"{number:D2}-{step}.png"));
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    private static bool IsAt(string url, string path) =>
        string.Equals(new Uri(url).AbsolutePath, path, StringComparison.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
