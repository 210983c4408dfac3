using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StudyEdc.TestSupport;

namespace StudyEdc.EndToEnd.Tests;

/// <summary>
/// The walking skeleton in a real browser: the bootstrap administrator signs in, changes the one-time password,
/// sets up TOTP and creates a coordinator, who signs in, enrols a participant and sees the audit entry.
/// </summary>
public sealed partial class FirstEnrolmentTests
{
    private const string BootstrapPassword = "E2e#Bootstrap2026";
    private const string AdminPassword = "E2e#AdminOwn2026";
    private const string CoordinatorPassword = "E2e#Coordinator26";

    private static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    [Fact]
    public async Task Coordinator_enrols_participant_and_sees_audit_entry()
    {
        var chromium = ExternalResources.RequireChromium();
        var cancellationToken = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(ScreenshotDirectory);
        await using var server = await WebServerProcess.StartAsync(BootstrapPassword, cancellationToken);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString(), Locale = "en-US" });
        page.SetDefaultTimeout(30_000);

        try
        {
            var oneTimePassword = await SetUpAdministratorAndCoordinatorAsync(page);
            await SignOutAsync(page);
            await SignInAsync(page, "coordinator.wch", oneTimePassword);
            await ChangePasswordAsync(page, oneTimePassword, CoordinatorPassword);
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", AfterNavigation);

            await page.GotoAsync("/participants/new");
            await WaitForCircuitAsync(page);
            await page.Locator("[data-testid=field-age] input, input[data-testid=field-age]").First.FillAsync("54");
            await page.Locator("input[data-testid=field-poor-image-quality-no]").CheckAsync();
            await page.Locator("button[data-testid=save]").ClickAsync();
            await page.WaitForURLAsync(ParticipantUrl(), AfterNavigation);

            // The URL changes before the saved participant is loaded: its audit link appears only once it is.
            await page.Locator("[data-testid=audit-link]").WaitForAsync();
            var title = await page.Locator("[data-testid=participant-title]").InnerTextAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "participant-form.png"), FullPage = true });

            await page.Locator("[data-testid=audit-link]").ClickAsync();
            await page.Locator("[data-testid=audit-table]").WaitForAsync();
            var actions = await page.Locator("[data-testid=audit-action]").AllInnerTextsAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "participant-audit.png"), FullPage = true });

            Assert.Matches(StudyIdPattern(), title);
            Assert.Contains("创建", actions);
        }
        catch (Exception)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "failure.png"), FullPage = true });
            TestContext.Current.SendDiagnosticMessage(server.Output);
            throw;
        }
    }

    // Blazor's enhanced navigation swaps the page without a full load, so a URL wait must not also wait for the load
    // event; each step then waits for the element it needs.
    private static readonly PageWaitForURLOptions AfterNavigation = new() { WaitUntil = WaitUntilState.Commit };

    /// <summary>Signs in as the bootstrap administrator through every first-sign-in step and creates a coordinator.</summary>
    private static async Task<string> SetUpAdministratorAndCoordinatorAsync(IPage page)
    {
        await page.GotoAsync("/");
        await page.Locator("#login-title").WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "sign-in.png") });
        Assert.Equal("登录", (await page.Locator("#login-title").InnerTextAsync()).Trim());

        await SignInAsync(page, "admin", BootstrapPassword);
        await ChangePasswordAsync(page, BootstrapPassword, AdminPassword);

        // Administrators must set up TOTP before anything else, so the test plays the authenticator app.
        await page.WaitForURLAsync(url => url.Contains("/Account/EnableAuthenticator", StringComparison.Ordinal), AfterNavigation);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "authenticator.png"), FullPage = true });
        var sharedKey = await page.Locator("[data-testid=shared-key]").InnerTextAsync();
        await page.FillAsync("#authenticator-code", Totp.Compute(sharedKey, DateTimeOffset.UtcNow));
        await page.ClickAsync("#authenticator-submit");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", AfterNavigation);

        await page.GotoAsync("/admin/users");
        await WaitForCircuitAsync(page);
        await page.Locator("[data-testid=new-user-name] input, input[data-testid=new-user-name]").First.FillAsync("coordinator.wch");
        await page.Locator("[data-testid=new-user-display-name] input, input[data-testid=new-user-display-name]").First.FillAsync("WCH coordinator");
        await page.Locator("[data-testid=new-user-site]").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await page.Locator("button[data-testid=create-user]").ClickAsync();
        var oneTimePassword = (await page.Locator("[data-testid=one-time-password]").InnerTextAsync()).Trim();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "users.png"), FullPage = true });
        return oneTimePassword;
    }

    private static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#login-user-name", userName);
        await page.FillAsync("#login-password", password);
        await page.ClickAsync("#login-submit");
    }

    private static async Task ChangePasswordAsync(IPage page, string currentPassword, string newPassword)
    {
        await page.WaitForURLAsync(url => url.Contains("/Account/ChangePassword", StringComparison.Ordinal), AfterNavigation);
        await page.FillAsync("#current-password", currentPassword);
        await page.FillAsync("#new-password", newPassword);
        await page.FillAsync("#confirm-password", newPassword);
        await page.ClickAsync("#change-password-submit");
    }

    /// <summary>Waits until the page's Blazor circuit is connected; input typed before that is lost.</summary>
    private static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    private static async Task SignOutAsync(IPage page)
    {
        await page.Locator("#logout-form button").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal), AfterNavigation);
    }

    [GeneratedRegex(@"/participants/\d+$")]
    private static partial Regex ParticipantUrl();

    [GeneratedRegex(@"[A-Z]+-\d{4}")]
    private static partial Regex StudyIdPattern();
}
