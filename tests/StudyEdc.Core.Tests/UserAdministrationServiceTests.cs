using Microsoft.AspNetCore.Identity;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Tests.Infrastructure;

namespace StudyEdc.Core.Tests;

public sealed class UserAdministrationServiceTests : SqliteTestBase
{
    [Fact]
    public async Task Create_returns_a_one_time_password_that_signs_in()
    {
        var administrator = await Database.CreateCallerAsync(StudyRoles.Administrator);
        var siteId = await Database.SiteIdAsync("HPH");

        var result = await Database.Get<IUserAdministrationService>().CreateAsync(administrator,
            new NewUserInput("li.coordinator", "李协调员", "li@example.org", StudyRoles.SiteCoordinator, siteId), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Message)));
        var users = Database.Get<UserManager<StudyUser>>();
        var user = await users.FindByNameAsync("li.coordinator");
        Assert.True(await users.CheckPasswordAsync(user!, result.Value!.OneTimePassword));
        Assert.True(user!.MustChangePassword);
        Assert.Equal(StudyRoles.SiteCoordinator, result.Value.User.Role);
    }

    [Fact]
    public async Task Coordinator_without_site_is_invalid()
    {
        var administrator = await Database.CreateCallerAsync(StudyRoles.Administrator);

        var result = await Database.Get<IUserAdministrationService>().CreateAsync(administrator,
            new NewUserInput("no.site", "No Site", null, StudyRoles.SiteCoordinator, null), TestContext.Current.CancellationToken);

        Assert.Equal("SiteRequiredForRole", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Monitor_with_site_is_invalid()
    {
        var administrator = await Database.CreateCallerAsync(StudyRoles.Administrator);
        var siteId = await Database.SiteIdAsync("WCH");

        var result = await Database.Get<IUserAdministrationService>().CreateAsync(administrator,
            new NewUserInput("site.monitor", "Site Monitor", null, StudyRoles.Monitor, siteId), TestContext.Current.CancellationToken);

        Assert.Equal("SiteForbiddenForRole", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Non_administrator_cannot_create_users()
    {
        var investigator = await Database.CreateCallerAsync(StudyRoles.PrincipalInvestigator);

        var result = await Database.Get<IUserAdministrationService>().CreateAsync(investigator,
            new NewUserInput("someone", "Someone", null, StudyRoles.Monitor, null), TestContext.Current.CancellationToken);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
    }

    [Fact]
    public async Task Deactivated_user_gets_no_caller()
    {
        var administrator = await Database.CreateCallerAsync(StudyRoles.Administrator);
        var coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WUH");

        var result = await Database.Get<IUserAdministrationService>().SetActiveAsync(administrator, coordinator.UserId, false, "Left the study", TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Null(await Database.Get<StudyCallerFactory>().FromUserIdAsync(coordinator.UserId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Administrator_cannot_deactivate_self()
    {
        var administrator = await Database.CreateCallerAsync(StudyRoles.Administrator);

        var result = await Database.Get<IUserAdministrationService>().SetActiveAsync(administrator, administrator.UserId, false, "Testing", TestContext.Current.CancellationToken);

        Assert.Equal("CannotDeactivateSelf", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Role_change_moves_the_caller_to_the_new_site()
    {
        var administrator = await Database.CreateCallerAsync(StudyRoles.Administrator);
        var coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WUH");
        var hph = await Database.SiteIdAsync("HPH");

        await Database.Get<IUserAdministrationService>().ChangeRoleAsync(administrator, coordinator.UserId, StudyRoles.Radiologist, hph, "Moved to HPH radiology", TestContext.Current.CancellationToken);

        var caller = await Database.Get<StudyCallerFactory>().FromUserIdAsync(coordinator.UserId, TestContext.Current.CancellationToken);
        Assert.Equal(hph, caller!.SiteId);
        Assert.True(caller.IsInRole(StudyRoles.Radiologist));
        Assert.False(caller.IsInRole(StudyRoles.SiteCoordinator));
    }

    [Fact]
    public async Task Reset_and_own_change_clear_must_change_password()
    {
        var administrator = await Database.CreateCallerAsync(StudyRoles.Administrator);
        var monitor = await Database.CreateCallerAsync(StudyRoles.Monitor);
        var reset = await Database.Get<IUserAdministrationService>().ResetPasswordAsync(administrator, monitor.UserId, "Forgotten", TestContext.Current.CancellationToken);

        Assert.True(reset.Succeeded, string.Join(" ", reset.Errors.Select(e => e.Code + ": " + e.Message)));
        var changed = await Database.Get<IUserAdministrationService>().ChangeOwnPasswordAsync(monitor, reset.Value!.OneTimePassword, "New-Monitor-Pa55!", TestContext.Current.CancellationToken);

        Assert.True(reset.Value.User.MustChangePassword);
        Assert.True(changed.Succeeded, string.Join(" ", changed.Errors.Select(e => e.Message)));
        Assert.False(changed.Value!.MustChangePassword);
    }

    [Fact]
    public async Task Weak_new_password_names_the_unmet_rule()
    {
        var administrator = await Database.CreateCallerAsync(StudyRoles.Administrator);
        var monitor = await Database.CreateCallerAsync(StudyRoles.Monitor);
        var reset = await Database.Get<IUserAdministrationService>().ResetPasswordAsync(administrator, monitor.UserId, null, TestContext.Current.CancellationToken);
        using var culture = new UiCulture("en");

        var changed = await Database.Get<IUserAdministrationService>().ChangeOwnPasswordAsync(monitor, reset.Value!.OneTimePassword, "alllowercase-but-long1", TestContext.Current.CancellationToken);

        var error = Assert.Single(changed.Errors);
        Assert.Equal("PasswordRequiresUpper", error.Code);
        Assert.Equal("The password has no upper-case letter (A–Z). Add one.", error.Message);
    }

    [Fact]
    public async Task User_changes_are_audited_without_passwords()
    {
        var administrator = await Database.CreateCallerAsync(StudyRoles.Administrator);
        var created = await Database.Get<IUserAdministrationService>().CreateAsync(administrator,
            new NewUserInput("dsmc.one", "DSMC One", null, StudyRoles.DsmcMember, null), TestContext.Current.CancellationToken);

        var entries = await Database.Get<IAuditTrail>().ListAsync(administrator, new AuditQuery(EntityType: AuditEntityTypes.User, EntityId: created.Value!.User.Id), TestContext.Current.CancellationToken);

        Assert.Contains(entries, e => e.Field == "Role" && e.NewValue == StudyRoles.DsmcMember);
        Assert.DoesNotContain(entries, e => e.NewValue == created.Value.OneTimePassword);
    }

    [Fact]
    public void Generated_passwords_satisfy_the_policy()
    {
        var options = new IdentityOptions();
        StudyIdentityOptions.Apply(options);

        for (var i = 0; i < 200; i++)
        {
            var password = OneTimePasswordGenerator.Generate();

            Assert.True(password.Length >= options.Password.RequiredLength);
            Assert.Contains(password, char.IsAsciiLetterUpper);
            Assert.Contains(password, char.IsAsciiLetterLower);
            Assert.Contains(password, char.IsAsciiDigit);
            Assert.Contains(password, c => !char.IsLetterOrDigit(c));
        }
    }
}
