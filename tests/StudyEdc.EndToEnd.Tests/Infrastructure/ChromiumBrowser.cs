using Microsoft.Playwright;
using StudyEdc.TestSupport;

namespace StudyEdc.EndToEnd.Tests.Infrastructure;

/// <summary>Debian's Chromium, headless, driven by Playwright. Each <see cref="BrowserSession"/> gets its own cookies.</summary>
public sealed class ChromiumBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private ChromiumBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>Launches Chromium, or skips the test (fails it in CI) when Chromium is not installed.</summary>
    public static async Task<ChromiumBrowser> LaunchAsync()
    {
        var executable = ExternalResources.RequireChromium();
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,

                // Keep Chromium off the network: the tests talk to the loopback web host only.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            return new ChromiumBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
