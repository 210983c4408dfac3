using System.Net;
using Microsoft.EntityFrameworkCore;
using StudyEdc.Core.Analysis;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Reports.Model;
using StudyEdc.Web.Endpoints;
using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Reports;

/// <summary>The PDF and figure endpoints: who gets what, and the audit entry of a download.</summary>
public sealed class ReportEndpointHttpTests : IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private const string SnapshotQuery = "?population=AllEnrolled&level=Lesion&snapshot=1";

    private readonly StudyEdcWebFactory _factory = new();

    public async ValueTask InitializeAsync() =>
        await _factory.WithServicesAsync(async services =>
        {
            var sites = await StudyFixtures.SitesAsync(services);
            await StudyFixtures.CreateUserAsync(services, "coordinator.pdf", StudyRoles.SiteCoordinator, sites[0].Id);
            await StudyFixtures.CreateUserAsync(services, "dsmc.pdf", StudyRoles.DsmcMember, null);
            var pi = await StudyFixtures.CreateUserAsync(services, "pi.pdf", StudyRoles.PrincipalInvestigator, null);
            await StudyFixtures.EnrolAsync(services, sites[0].Id, age: 60);

            var analysis = services.GetRequiredService<IAnalysisService>();
            var plan = (await analysis.GetPlanAsync(pi, Cancel)).Value!;
            plan = (await analysis.UpdatePlanAsync(pi, new AnalysisPlanInput(0.5, "phantom-lesion-detector", "1.0.0", new string('d', 64), AnalysisPopulation.AllEnrolled, AnalysisLevel.Lesion), plan.Version, Cancel)).Value!;
            await analysis.LockAsync(pi, StudyFixtures.UserPassword, plan.Version, Cancel);
            return (await analysis.CreateSnapshotAsync(pi, Cancel)).Succeeded;
        });

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Coordinator_gets_403_on_the_pdf()
    {
        var client = await SignInClient.SignInAsync(_factory, "coordinator.pdf", StudyFixtures.UserPassword);

        var response = await client.GetAsync("/reports/accuracy.pdf" + SnapshotQuery, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Dsmc_member_downloads_the_snapshot_pdf()
    {
        var client = await SignInClient.SignInAsync(_factory, "dsmc.pdf", StudyFixtures.UserPassword);

        var response = await client.GetAsync("/reports/accuracy.pdf" + SnapshotQuery, Cancel);
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
    }

    [Fact]
    public async Task Pdf_download_is_audited_as_an_export()
    {
        var client = await SignInClient.SignInAsync(_factory, "dsmc.pdf", StudyFixtures.UserPassword);

        await client.GetAsync("/reports/accuracy.pdf" + SnapshotQuery, Cancel);
        var entry = await _factory.WithServicesAsync(services => services.GetRequiredService<StudyDbContext>().AuditEntries
            .SingleAsync(a => a.EntityType == AuditEntityTypes.Export && a.EntityId == ReportEndpoints.PdfExportType, Cancel));

        Assert.Equal("dsmc.pdf", entry.UserName);
        Assert.StartsWith("snapshot 1 (", entry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dsmc_member_gets_403_on_live_data()
    {
        var client = await SignInClient.SignInAsync(_factory, "dsmc.pdf", StudyFixtures.UserPassword);

        var response = await client.GetAsync("/reports/accuracy.pdf?population=AllEnrolled&level=Lesion", Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Figure_is_a_png()
    {
        var client = await SignInClient.SignInAsync(_factory, "pi.pdf", StudyFixtures.UserPassword);

        var response = await client.GetAsync("/reports/figures/roc.png" + SnapshotQuery, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_population_is_rejected()
    {
        var client = await SignInClient.SignInAsync(_factory, "pi.pdf", StudyFixtures.UserPassword);

        var response = await client.GetAsync("/reports/accuracy.pdf?population=Everyone&level=Lesion&snapshot=1", Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Everyone", body, StringComparison.Ordinal);
    }
}
