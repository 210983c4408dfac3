using StudyEdc.Core.Identity;

namespace StudyEdc.EndToEnd.Tests.Infrastructure;

/// <summary>The shared fixture itself: prepared users sign in straight to the application, each with their role.</summary>
public sealed class FixtureTests(StudyEdcFixture study)
{
    [Theory]
    [InlineData("coordinator.wch")]
    [InlineData("radiologist2.wch")]
    [InlineData("monitor")]
    [InlineData("pi.study")]
    [InlineData("dsmc")]
    public async Task Prepared_user_signs_in_without_password_change(string userName)
    {
        var user = TestUsers.Standard.Single(u => u.UserName == userName);

        await study.RunInBrowserAsync(async session =>
        {
            await session.SignInAsync(user);
            await session.GotoAsync("/");
            await session.ScreenshotAsync("home-" + userName);

            Assert.Equal("/", new Uri(session.Page.Url).AbsolutePath);
        });
    }

    [Fact]
    public async Task Administrator_signs_in_with_prepared_authenticator()
    {
        await study.RunInBrowserAsync(async session =>
        {
            await session.SignInAsync(TestUsers.Administrator);
            await session.GotoAsync("/admin/users");
            await session.ScreenshotAsync("admin-users");

            Assert.Equal("/admin/users", new Uri(session.Page.Url).AbsolutePath);
        });
    }

    [Fact]
    public async Task Prepared_radiologist_has_role_and_site()
    {
        await using var session = await study.OpenSessionAsync();

        var caller = await study.Database.CallerAsync(TestUsers.Radiologist3.UserName, TestContext.Current.CancellationToken);

        Assert.True(caller.IsInRole(StudyRoles.Radiologist));
        Assert.NotNull(caller.SiteId);
    }
}
