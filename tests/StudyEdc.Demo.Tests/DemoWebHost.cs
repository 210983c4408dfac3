using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using StudyEdc.TestSupport;

namespace StudyEdc.Demo.Tests;

/// <summary>
/// The real web host started as its own process with --demo on a loopback port and a fresh data directory, shared
/// by the tests of a class. Two participants per site and no exams keep the start short.
/// </summary>
public sealed partial class DemoWebHost : IAsyncLifetime
{
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("studyedc-demo-web-");
    private readonly StringBuilder _output = new();
    private Process _host = default!;
    private Uri _baseAddress = default!;

    public async ValueTask InitializeAsync()
    {
        _baseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}/");
        var webAssembly = WebAssemblyPath();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(webAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", webAssembly, "--urls", _baseAddress.ToString().TrimEnd('/'), DemoStudy.CommandLineSwitch })
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in DemoSettings.Values(_dataDirectory.FullName, participantsPerSite: 2, examsPerSite: 0))
        {
            startInfo.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        _host = Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start.");
        _host.OutputDataReceived += (_, line) => Append(line.Data);
        _host.ErrorDataReceived += (_, line) => Append(line.Data);
        _host.BeginOutputReadLine();
        _host.BeginErrorReadLine();
        await WaitUntilServingAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_host.HasExited)
        {
            _host.Kill(entireProcessTree: true);
            await _host.WaitForExitAsync();
        }

        _host.Dispose();
        _dataDirectory.Delete(recursive: true);
    }

    /// <summary>What the host printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>Signs in through the sign-in form with the demo password; the client keeps the cookie.</summary>
    public async Task<HttpClient> SignInAsync(string userName)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = _baseAddress,
        };
        var form = await client.GetStringAsync("Account/Login", TestContext.Current.CancellationToken);
        var token = AntiforgeryToken().Match(form).Groups[1].Value;

        using var response = await client.PostAsync("Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.UserName"] = userName,
            ["Input.Password"] = DemoSettings.Password,
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Waits until the host serves the sign-in page. The demo seed runs before it starts listening.</summary>
    private async Task WaitUntilServingAsync()
    {
        using var client = new HttpClient { BaseAddress = _baseAddress };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (_host.HasExited)
            {
                throw new InvalidOperationException($"The web host exited with code {_host.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync("Account/Login", TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Still seeding, or not listening yet.
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"The web host did not serve the sign-in page within 3 minutes:\n{Output}");
    }

    /// <summary>The web host as built beside this test project (same configuration: Debug or Release).</summary>
    private static string WebAssemblyPath()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(RepositoryPaths.Root, "src", "StudyEdc.Web", "bin", testOutput.Parent!.Name, testOutput.Name, "StudyEdc.Web.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Web host not built at {path}: build tests/StudyEdc.Demo.Tests first.", path);
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
