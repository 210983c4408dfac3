using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using StudyEdc.Core.Data;
using StudyEdc.Demo;
using StudyEdc.Web.Components;

namespace StudyEdc.Benchmarks;

/// <summary>
/// The real StudyEdc web host (Program, Kestrel) in this process on a free 127.0.0.1 port with a fresh SQLite data
/// directory. The inference worker is off, since uploads here are not confirmed and queue no jobs, and logging is
/// reduced to warnings so the console does not slow the requests. The factory finds the web host's entry point
/// through <see cref="App"/>, because this program's own top-level Program hides the web host's one.
/// </summary>
internal sealed partial class LoadTestHost : WebApplicationFactory<App>
{
    public const string Password = "Load-Test-Pa55word!";

    private readonly string _dataDirectory;
    private readonly string? _postgresConnectionString;

    /// <summary>
    /// Creates the host over a SQLite file in <paramref name="dataDirectory"/>, or over the PostgreSQL database of
    /// <paramref name="postgresConnectionString"/> when it is given (images still go to the data directory).
    /// </summary>
    public LoadTestHost(string dataDirectory, string? postgresConnectionString)
    {
        _dataDirectory = dataDirectory;
        _postgresConnectionString = postgresConnectionString;
        Port = FreeLoopbackPort();
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/"));
        UseKestrel(options => options.Listen(IPAddress.Loopback, Port));
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            [StudyDatabase.ProviderKey] = _postgresConnectionString is null ? nameof(DatabaseProvider.Sqlite) : nameof(DatabaseProvider.PostgreSql),
            [StudyDatabase.DataDirectoryKey] = _dataDirectory,
            ["ConnectionStrings:" + StudyDatabase.ConnectionStringName] = _postgresConnectionString ?? "",
            [StudyDatabaseInitializer.BootstrapPasswordKey] = Password,
            [$"{DemoOptions.SectionName}:{nameof(DemoOptions.Password)}"] = Password,
            [$"{DemoOptions.SectionName}:{nameof(DemoOptions.ParticipantsPerSite)}"] = "1",
            [$"{DemoOptions.SectionName}:{nameof(DemoOptions.ExamsPerSite)}"] = "0",
            ["Inference:Queue:Enabled"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        // The build output contains the web host's appsettings.json (the five sites) and static web assets. The
        // factory's own guess, a StudyEdc.Web folder beside StudyEdc.sln, does not exist in this repository.
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseEnvironment("Production");
    }

    /// <summary>Signs in through the sign-in form over HTTP; the returned client keeps the cookie.</summary>
    public async Task<HttpClient> SignInAsync(string userName, CancellationToken cancellationToken)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
        var form = await client.GetStringAsync(new Uri("Account/Login", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.UserName"] = userName,
            ["Input.Password"] = Password,
        });
        using var response = await client.PostAsync(new Uri("Account/Login", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            client.Dispose();
            throw new InvalidOperationException($"Sign-in of {userName} returned {(int)response.StatusCode} instead of a redirect.");
        }

        return client;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
