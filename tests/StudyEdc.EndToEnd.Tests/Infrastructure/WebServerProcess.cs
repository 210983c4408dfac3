using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StudyEdc.TestSupport;

namespace StudyEdc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real StudyEdc web host (Kestrel) in its own process on a free loopback port, serving one data folder that it
/// deletes when disposed. Its console output is kept for failure messages.
/// </summary>
internal sealed class WebServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _dataDirectory;

    private WebServerProcess(Process process, string dataDirectory, Uri baseAddress)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

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

    /// <summary>Starts the web host on a new, empty data folder, where it creates the bootstrap administrator with this password.</summary>
    public static Task<WebServerProcess> StartAsync(string bootstrapPassword, CancellationToken cancellationToken) =>
        StartAsync(NewDataDirectory(), bootstrapPassword, cancellationToken);

    /// <summary>
    /// Starts the web host on <paramref name="dataDirectory"/>, which may hold a prepared database. The bootstrap
    /// password only matters when the database has no user yet.
    /// </summary>
    public static async Task<WebServerProcess> StartAsync(string dataDirectory, string bootstrapPassword, CancellationToken cancellationToken)
    {
        var port = FreeLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var webAssembly = WebAssemblyPath();

        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(webAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("exec");
        startInfo.ArgumentList.Add(webAssembly);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        startInfo.Environment["StudyEdc__BootstrapAdminPassword"] = bootstrapPassword;
        startInfo.Environment["Storage__DataDirectory"] = dataDirectory;
        startInfo.Environment["Database__Provider"] = "Sqlite";
        startInfo.Environment["ConnectionStrings__StudyEdc"] = "";
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start.");
        var server = new WebServerProcess(process, dataDirectory, baseAddress);
        process.OutputDataReceived += (_, line) => server.Append(line.Data);
        process.ErrorDataReceived += (_, line) => server.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilServingAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>A path for a new data folder under the temporary folder; nothing is created yet.</summary>
    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "studyedc-e2e-" + Guid.NewGuid().ToString("N"));

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The web host exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync("Account/Login", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"The web host did not serve the sign-in page within 90 s:\n{Output}");
    }

    /// <summary>The web host as built beside this test project (same configuration: Debug or Release).</summary>
    private static string WebAssemblyPath()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var path = Path.Combine(RepositoryPaths.Root, "src", "StudyEdc.Web", "bin", configuration, testOutput.Name, "StudyEdc.Web.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Web host not built at {path}: run dotnet build tests/StudyEdc.EndToEnd.Tests first.", path);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
