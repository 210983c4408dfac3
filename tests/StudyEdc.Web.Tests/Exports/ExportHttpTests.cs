using System.IO.Compression;
using System.Net;
using System.Text;
using StudyEdc.Core.Identity;
using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Exports;

/// <summary>The export download endpoints through the real host: content types, file names and role rules.</summary>
public sealed class ExportHttpTests : IAsyncLifetime
{
    private readonly StudyEdcWebFactory _factory = new();
    private HttpClient _investigator = default!;
    private HttpClient _coordinator = default!;
    private HttpClient _dsmc = default!;
    private string _studyId = "";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _factory.WithServicesAsync(async services =>
        {
            var sites = await StudyFixtures.SitesAsync(services);
            await StudyFixtures.CreateUserAsync(services, "pi.export", StudyRoles.PrincipalInvestigator, null);
            await StudyFixtures.CreateUserAsync(services, "coordinator.export", StudyRoles.SiteCoordinator, sites[0].Id);
            await StudyFixtures.CreateUserAsync(services, "dsmc.export", StudyRoles.DsmcMember, null);
            _studyId = (await StudyFixtures.EnrolAsync(services, sites[0].Id, age: 57)).StudyId;
            return true;
        });
        _investigator = await SignInClient.SignInAsync(_factory, "pi.export", StudyFixtures.UserPassword);
        _coordinator = await SignInClient.SignInAsync(_factory, "coordinator.export", StudyFixtures.UserPassword);
        _dsmc = await SignInClient.SignInAsync(_factory, "dsmc.export", StudyFixtures.UserPassword);
    }

    public async ValueTask DisposeAsync()
    {
        _investigator?.Dispose();
        _coordinator?.Dispose();
        _dsmc?.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Csv_bundle_downloads_as_dated_zip()
    {
        var response = await _investigator.GetAsync("/exports/csv?deidentified=false", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var fileName = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName;
        Assert.Matches(@"^studyedc_csv_full_all-sites_\d{4}-\d{2}-\d{2}\.zip$", fileName);
        using var archive = new ZipArchive(await response.Content.ReadAsStreamAsync(Cancel), ZipArchiveMode.Read);
        Assert.Contains(archive.Entries, entry => entry.FullName == "Participant.csv");
    }

    [Fact]
    public async Task Odm_downloads_as_xml()
    {
        var response = await _investigator.GetAsync("/exports/odm?deidentified=false&sites=WCH", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(_studyId, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_trail_downloads_as_csv()
    {
        var response = await _investigator.GetAsync("/exports/audit-trail", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/exports/csv?deidentified=true")]
    [InlineData("/exports/odm?deidentified=false")]
    [InlineData("/exports/audit-trail")]
    public async Task Coordinator_is_forbidden(string path)
    {
        var response = await _coordinator.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Dsmc_member_gets_deidentified_data()
    {
        var response = await _dsmc.GetAsync("/exports/odm?deidentified=true", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xml = await response.Content.ReadAsStringAsync(Cancel);
        Assert.DoesNotContain(_studyId, xml, StringComparison.Ordinal);
        Assert.DoesNotContain("2024-03-18", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dsmc_member_is_forbidden_identified_data()
    {
        var response = await _dsmc.GetAsync("/exports/csv?deidentified=false", Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("DeidentifiedOnly", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_site_is_bad_request()
    {
        var response = await _investigator.GetAsync("/exports/csv?sites=XXX", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("XXX", Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(Cancel)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_format_is_bad_request()
    {
        var response = await _investigator.GetAsync("/exports/sas", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
