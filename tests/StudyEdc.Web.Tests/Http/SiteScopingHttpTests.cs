using System.Net;
using StudyEdc.Core.Identity;
using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Http;

/// <summary>A coordinator of one site gets nothing of another site's participants through any page.</summary>
public sealed class SiteScopingHttpTests : IAsyncLifetime
{
    private readonly StudyEdcWebFactory _factory = new();
    private HttpClient _coordinatorOfA = default!;
    private string _siteAStudyId = "";
    private int _siteAParticipantId;
    private string _siteBStudyId = "";
    private int _siteBParticipantId;

    public async ValueTask InitializeAsync()
    {
        await _factory.WithServicesAsync(async services =>
        {
            var sites = await StudyFixtures.SitesAsync(services);
            var siteA = sites[0];
            var siteB = sites[1];
            await StudyFixtures.CreateUserAsync(services, "coordinator.a", StudyRoles.SiteCoordinator, siteA.Id);

            var participantA = await StudyFixtures.EnrolAsync(services, siteA.Id, age: 54);
            var participantB = await StudyFixtures.EnrolAsync(services, siteB.Id, age: 61);
            (_siteAParticipantId, _siteAStudyId) = (participantA.Id, participantA.StudyId);
            (_siteBParticipantId, _siteBStudyId) = (participantB.Id, participantB.StudyId);
            return true;
        });
        _coordinatorOfA = await SignInClient.SignInAsync(_factory, "coordinator.a", StudyFixtures.UserPassword);
    }

    [Fact]
    public async Task Participant_list_shows_own_site_only()
    {
        var body = await _coordinatorOfA.GetStringAsync("/participants", TestContext.Current.CancellationToken);

        Assert.Contains(_siteAStudyId, body, StringComparison.Ordinal);
        Assert.DoesNotContain(_siteBStudyId, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Own_site_participant_page_opens()
    {
        var response = await _coordinatorOfA.GetAsync($"/participants/{_siteAParticipantId}", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(_siteAStudyId, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/participants/{0}")]
    [InlineData("/participants/{0}/audit")]
    public async Task Other_site_participant_page_is_not_found(string pathFormat)
    {
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, pathFormat, _siteBParticipantId);

        var response = await _coordinatorOfA.GetAsync(path, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(_siteBStudyId, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administration_page_is_denied_to_coordinator()
    {
        var response = await _coordinatorOfA.GetAsync("/admin/users", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location?.AbsolutePath ?? response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_request_is_sent_to_sign_in()
    {
        using var anonymous = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await anonymous.GetAsync($"/participants/{_siteBParticipantId}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location?.AbsolutePath);
    }

    public async ValueTask DisposeAsync()
    {
        _coordinatorOfA?.Dispose();
        await _factory.DisposeAsync();
    }
}
