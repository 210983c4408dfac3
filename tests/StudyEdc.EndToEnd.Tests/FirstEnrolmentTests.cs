using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StudyEdc.EndToEnd.Tests.Infrastructure;

namespace StudyEdc.EndToEnd.Tests;

/// <summary>
/// The walking skeleton in a real browser, on a web host of its own with an empty database: the bootstrap
/// administrator signs in, changes the one-time password, sets up TOTP and creates a coordinator, who signs in,
/// enrols a participant and sees the audit entry.
/// </summary>
public sealed partial class FirstEnrolmentTests
{
    private const string BootstrapPassword = "E2e#Bootstrap2026";
    private const string AdminPassword = "E2e#AdminOwn2026";
    private const string CoordinatorPassword = "E2e#Coordinator26";

    [Fact]
    public async Task Coordinator_enrols_participant_and_sees_audit_entry()
    {
        await using var browser = await ChromiumBrowser.LaunchAsync();
        await using var server = await WebServerProcess.StartAsync(BootstrapPassword, TestContext.Current.CancellationToken);
        await using var session = await BrowserSession.OpenAsync(browser, server.BaseAddress, authenticatorKeys: _ => null);
        var page = session.Page;

        try
        {
            var oneTimePassword = await SetUpAdministratorAndCoordinatorAsync(session);
            await session.SignOutAsync();
            await session.SignInAsync("coordinator.wch", oneTimePassword);
            await session.ChangePasswordAsync(oneTimePassword, CoordinatorPassword);
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", BrowserSession.AfterNavigation);

            await session.GotoAsync("/participants/new");
            await session.Input("field-age").FillAsync("54");
            await session.FillDateAsync("field-ct-exam-date", new DateOnly(2026, 11, 20));
            await page.Locator("input[data-testid=field-poor-image-quality-no]").CheckAsync();
            await page.Locator("button[data-testid=save]").ClickAsync();
            await page.WaitForURLAsync(ParticipantUrl(), BrowserSession.AfterNavigation);

            // The URL changes before the saved participant is loaded: its audit link appears only once it is.
            await page.Locator("[data-testid=audit-link]").WaitForAsync();
            var title = await page.Locator("[data-testid=participant-title]").InnerTextAsync();
            await session.ScreenshotAsync("participant-form");

            await page.Locator("[data-testid=audit-link]").ClickAsync();
            await page.Locator("[data-testid=audit-table]").WaitForAsync();
            var actions = await page.Locator("[data-testid=audit-action]").AllInnerTextsAsync();
            await session.ScreenshotAsync("participant-audit");

            Assert.Matches(StudyIdPattern(), title);
            Assert.Contains("创建", actions);
        }
        catch (Exception)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(session.ScreenshotDirectory, "failure.png"), FullPage = true });
            TestContext.Current.AddAttachment("web-host-output", server.Output);
            throw;
        }
    }

    /// <summary>Signs in as the bootstrap administrator through every first-sign-in step and creates a coordinator.</summary>
    private static async Task<string> SetUpAdministratorAndCoordinatorAsync(BrowserSession session)
    {
        var page = session.Page;
        await page.GotoAsync("/");
        await page.Locator("#login-title").WaitForAsync();
        await session.ScreenshotAsync("sign-in");
        Assert.Equal("登录", (await page.Locator("#login-title").InnerTextAsync()).Trim());

        await session.SignInAsync("admin", BootstrapPassword);
        await session.ChangePasswordAsync(BootstrapPassword, AdminPassword);

        // Administrators must set up TOTP before anything else, so the test plays the authenticator app.
        await page.WaitForURLAsync(url => url.Contains("/Account/EnableAuthenticator", StringComparison.Ordinal), BrowserSession.AfterNavigation);
        await session.ScreenshotAsync("authenticator");
        var sharedKey = await page.Locator("[data-testid=shared-key]").InnerTextAsync();
        await page.FillAsync("#authenticator-code", Totp.Compute(sharedKey, DateTimeOffset.UtcNow));
        await page.ClickAsync("#authenticator-submit");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", BrowserSession.AfterNavigation);

        await session.GotoAsync("/admin/users");
        await session.Input("new-user-name").FillAsync("coordinator.wch");
        await session.Input("new-user-display-name").FillAsync("WCH coordinator");
        await page.Locator("[data-testid=new-user-site]").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await page.Locator("button[data-testid=create-user]").ClickAsync();
        var oneTimePassword = (await page.Locator("[data-testid=one-time-password]").InnerTextAsync()).Trim();
        await session.ScreenshotAsync("users");
        return oneTimePassword;
    }

    [GeneratedRegex(@"/participants/\d+$")]
    private static partial Regex ParticipantUrl();

    [GeneratedRegex(@"[A-Z]+-\d{4}")]
    private static partial Regex StudyIdPattern();
}
