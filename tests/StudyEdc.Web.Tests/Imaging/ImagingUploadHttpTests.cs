using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Imaging;
using StudyEdc.TestSupport;
using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Imaging;

/// <summary>The upload endpoint with the three-slice liver CT of dcmqi, and the slice endpoint of the viewer.</summary>
public sealed class ImagingUploadHttpTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _dataDirectory = new();
    private readonly StudyEdcWebFactory _baseFactory = new();
    private WebApplicationFactory<Program> _factory = default!;
    private HttpClient _coordinatorOfA = default!;
    private HttpClient _coordinatorOfB = default!;
    private int _participantId;

    public async ValueTask InitializeAsync()
    {
        _factory = _baseFactory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Storage:DataDirectory", _dataDirectory.Path);
            builder.UseSetting("Inference:Queue:Enabled", "false");
        });

        var siteIds = await WithServicesAsync(async services =>
        {
            var sites = await StudyFixtures.SitesAsync(services);
            await StudyFixtures.CreateUserAsync(services, "coordinator.a", StudyRoles.SiteCoordinator, sites[0].Id);
            await StudyFixtures.CreateUserAsync(services, "coordinator.b", StudyRoles.SiteCoordinator, sites[1].Id);
            _participantId = (await StudyFixtures.EnrolAsync(services, sites[0].Id, age: 58)).Id;
            return sites.Count;
        });
        Assert.True(siteIds >= 2);
        _coordinatorOfA = await SignInAsync("coordinator.a");
        _coordinatorOfB = await SignInAsync("coordinator.b");
    }

    public async ValueTask DisposeAsync()
    {
        _coordinatorOfA?.Dispose();
        _coordinatorOfB?.Dispose();
        await _factory.DisposeAsync();
        await _baseFactory.DisposeAsync();
        _dataDirectory.Dispose();
    }

    [Fact]
    public async Task Multipart_upload_stores_the_series()
    {
        using var content = SeriesFiles();

        var response = await _coordinatorOfA.PostAsync(UploadPath(_participantId), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var names = report.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("fileName").GetString()).ToList();
        Assert.Equal(["01.dcm", "02.dcm", "03.dcm"], names);
        Assert.Equal(3, await StoredInstanceCountAsync());
    }

    [Fact]
    public async Task Upload_deletes_stale_staging_folders()
    {
        var stale = Directory.CreateDirectory(Path.Combine(_dataDirectory.Path, "staging", "left-by-a-crash"));
        File.WriteAllText(Path.Combine(stale.FullName, "01.dcm"), "partial");
        stale.LastWriteTimeUtc = DateTime.UtcNow.AddDays(-2);
        var recent = Directory.CreateDirectory(Path.Combine(_dataDirectory.Path, "staging", "upload-in-progress"));
        using var content = SeriesFiles();

        var response = await _coordinatorOfA.PostAsync(UploadPath(_participantId), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(Directory.Exists(stale.FullName));
        Assert.True(Directory.Exists(recent.FullName));
    }

    [Fact]
    public async Task Zip_upload_stores_the_series()
    {
        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(ZipOfSeries()), "files", "exam.zip");

        var response = await _coordinatorOfA.PostAsync(UploadPath(_participantId), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("exam.zip/ct/01.dcm", body, StringComparison.Ordinal);
        Assert.Equal(3, await StoredInstanceCountAsync());
    }

    [Fact]
    public async Task Coordinator_of_other_site_gets_not_found()
    {
        using var content = SeriesFiles();

        var response = await _coordinatorOfB.PostAsync(UploadPath(_participantId), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await StoredInstanceCountAsync());
    }

    [Fact]
    public async Task Slice_png_is_site_scoped()
    {
        using var content = SeriesFiles();
        await _coordinatorOfA.PostAsync(UploadPath(_participantId), content, TestContext.Current.CancellationToken);
        var seriesId = await WithServicesAsync(services => services.GetRequiredService<StudyDbContext>().Set<ImagingSeries>().Select(s => s.Id).SingleAsync());
        var path = $"/api/imaging/series/{seriesId}/slices/1?window=liver";

        var own = await _coordinatorOfA.GetAsync(path, TestContext.Current.CancellationToken);
        var other = await _coordinatorOfB.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("image/png", own.Content.Headers.ContentType?.MediaType);
        var bytes = await own.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task Request_without_multipart_is_rejected()
    {
        using var content = new StringContent("not multipart");

        var response = await _coordinatorOfA.PostAsync(UploadPath(_participantId), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Imaging_page_opens_for_own_site_only()
    {
        var own = await _coordinatorOfA.GetAsync($"/participants/{_participantId}/imaging", TestContext.Current.CancellationToken);
        var other = await _coordinatorOfB.GetAsync($"/participants/{_participantId}/imaging", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("data-testid=\"imaging-title\"", await own.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"imaging-title\"", await other.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static string UploadPath(int participantId) => $"/api/imaging/participants/{participantId}/uploads";

    private static IEnumerable<string> SeriesPaths() =>
        Directory.EnumerateFiles(RepositoryPaths.TestData("dicom-series", "ct-3slice"), "*.dcm").Order(StringComparer.Ordinal);

    private static MultipartFormDataContent SeriesFiles()
    {
        var content = new MultipartFormDataContent();
        foreach (var path in SeriesPaths())
        {
            var file = new ByteArrayContent(File.ReadAllBytes(path));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
            content.Add(file, "files", Path.GetFileName(path));
        }

        return content;
    }

    private static byte[] ZipOfSeries()
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var path in SeriesPaths())
            {
                archive.CreateEntryFromFile(path, "ct/" + Path.GetFileName(path));
            }
        }

        return buffer.ToArray();
    }

    private Task<int> StoredInstanceCountAsync() =>
        WithServicesAsync(services => services.GetRequiredService<StudyDbContext>().Set<ImagingInstance>().CountAsync());

    private async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>
    /// Signs in through the sign-in form of this test's host, which is derived from <see cref="StudyEdcWebFactory"/>
    /// with its own data folder, so <see cref="SignInClient"/> (bound to the base factory) cannot be used.
    /// </summary>
    private async Task<HttpClient> SignInAsync(string userName)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/Account/Login", TestContext.Current.CancellationToken);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.UserName"] = userName,
            ["Input.Password"] = StudyFixtures.UserPassword,
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
