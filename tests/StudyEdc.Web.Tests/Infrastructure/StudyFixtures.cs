using Microsoft.AspNetCore.Identity;
using StudyEdc.Core;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Sites;

namespace StudyEdc.Web.Tests.Infrastructure;

/// <summary>
/// Builds users and participants through Core's own services, as an administrator would through the pages.
/// </summary>
public static class StudyFixtures
{
    public const string AdminPassword = "Bootstrap#Admin2026";
    public const string UserPassword = "Coordinator#Pass2026";

    /// <summary>Configuration for a fresh SQLite database in <paramref name="dataDirectory"/>.</summary>
    public static Dictionary<string, string?> Settings(string dataDirectory) => new()
    {
        ["Database:Provider"] = "Sqlite",
        ["Storage:DataDirectory"] = dataDirectory,
        ["ConnectionStrings:StudyEdc"] = "",
        [StudyDatabaseInitializer.BootstrapPasswordKey] = AdminPassword,
        ["Study:Sites:0:Code"] = "WCH",
        ["Study:Sites:0:NameZh"] = "四川大学华西医院",
        ["Study:Sites:0:NameEn"] = "West China Hospital, Sichuan University",
        ["Study:Sites:0:EnrolmentTarget"] = "1500",
        ["Study:Sites:0:IsLeadSite"] = "true",
        ["Study:Sites:1:Code"] = "SYS",
        ["Study:Sites:1:NameZh"] = "第二家医院",
        ["Study:Sites:1:NameEn"] = "Second Hospital",
        ["Study:Sites:1:EnrolmentTarget"] = "900",
    };

    public static async Task<StudyCaller> AdministratorAsync(IServiceProvider services)
    {
        var userManager = services.GetRequiredService<UserManager<StudyUser>>();
        var admin = await userManager.FindByNameAsync("admin") ?? throw new InvalidOperationException("No bootstrap administrator.");
        return await CallerAsync(services, admin.Id);
    }

    public static async Task<StudyCaller> CallerAsync(IServiceProvider services, string userId) =>
        await services.GetRequiredService<StudyCallerFactory>().FromUserIdAsync(userId)
            ?? throw new InvalidOperationException($"User {userId} is missing or inactive.");

    public static async Task<IReadOnlyList<SiteSummary>> SitesAsync(IServiceProvider services)
    {
        var admin = await AdministratorAsync(services);
        return await services.GetRequiredService<ISiteService>().ListAsync(admin);
    }

    /// <summary>
    /// Creates an active user of <paramref name="role"/> whose one-time password is already replaced by
    /// <see cref="UserPassword"/>, so the user signs in without the forced change.
    /// </summary>
    public static async Task<StudyCaller> CreateUserAsync(IServiceProvider services, string userName, string role, int? siteId)
    {
        var admin = await AdministratorAsync(services);
        var users = services.GetRequiredService<IUserAdministrationService>();
        var created = await users.CreateAsync(admin, new NewUserInput(userName, userName, null, role, siteId));
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(error => error.Message)));

        var caller = await CallerAsync(services, created.Value!.User.Id);
        var changed = await users.ChangeOwnPasswordAsync(caller, created.Value.OneTimePassword, UserPassword);
        Assert.True(changed.Succeeded, string.Join("; ", changed.Errors.Select(error => error.Message)));
        return caller;
    }

    public static async Task<ParticipantDetail> EnrolAsync(IServiceProvider services, int siteId, int age)
    {
        var admin = await AdministratorAsync(services);
        var result = await services.GetRequiredService<IParticipantService>()
            .CreateAsync(admin, siteId, new ParticipantInput { Age = age, Sex = Sex.Female, CtExamDate = new DateOnly(2024, 3, 18) });
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(error => error.Message)));
        return result.Value!;
    }
}
