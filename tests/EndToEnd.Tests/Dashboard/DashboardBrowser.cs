using Microsoft.Playwright;

namespace AgentPlatform.EndToEnd.Tests.Dashboard;

/// <summary>Debian's Chromium driven by Playwright (no Playwright browser download), with screenshots saved under the test
/// output directory.</summary>
internal sealed class DashboardBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
    }

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "dashboard-screenshots");

    public IBrowserContext Context { get; }

    public static async Task<DashboardBrowser> LaunchAsync(Uri baseAddress)
    {
        if (!File.Exists(BrowserFactAttribute.ChromiumPath))
        {
            throw new InvalidOperationException($"The browser test needs Chromium at {BrowserFactAttribute.ChromiumPath}: apt-get install -y chromium (.ci/run does).");
        }

        // The feed's first update may wait for the registry index to load 10,000 agents; expectations allow for it.
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.ChromiumPath,
            Headless = true,
            // Chromium's sandbox cannot start as root (CI containers run as root).
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        return new DashboardBrowser(playwright, browser, context);
    }

    /// <summary>Saves a screenshot of <paramref name="page"/> as <c>name.png</c> and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
