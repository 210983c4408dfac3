using StudyEdc.Core.Identity;

namespace StudyEdc.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A user that the fixture creates through Core's user administration before the web host starts. Every test user
/// signs in with <see cref="TestUsers.Password"/> and needs no password change.
/// </summary>
/// <param name="UserName">Sign-in name.</param>
/// <param name="Role">One of <see cref="StudyRoles"/>.</param>
/// <param name="SiteCode">Code of the user's site (for example WCH), or null for the all-site roles.</param>
/// <param name="DisplayName">Name shown in the application.</param>
public sealed record TestUser(string UserName, string Role, string? SiteCode, string DisplayName);

/// <summary>The users that <see cref="StudyEdcFixture"/> prepares for every browser test.</summary>
public static class TestUsers
{
    /// <summary>The password of every prepared user, including the administrator.</summary>
    public const string Password = "E2e#Prepared-2026";

    public static TestUser Coordinator { get; } = new("coordinator.wch", StudyRoles.SiteCoordinator, "WCH", "WCH coordinator");

    public static TestUser Radiologist1 { get; } = new("radiologist1.wch", StudyRoles.Radiologist, "WCH", "WCH radiologist 1");

    public static TestUser Radiologist2 { get; } = new("radiologist2.wch", StudyRoles.Radiologist, "WCH", "WCH radiologist 2");

    public static TestUser Radiologist3 { get; } = new("radiologist3.wch", StudyRoles.Radiologist, "WCH", "WCH radiologist 3");

    /// <summary>A coordinator of another site, for tests of site scoping.</summary>
    public static TestUser CoordinatorHph { get; } = new("coordinator.hph", StudyRoles.SiteCoordinator, "HPH", "HPH coordinator");

    /// <summary>A radiologist of another site, for tests of site scoping.</summary>
    public static TestUser RadiologistHph { get; } = new("radiologist1.hph", StudyRoles.Radiologist, "HPH", "HPH radiologist 1");

    public static TestUser Monitor { get; } = new("monitor", StudyRoles.Monitor, null, "Study monitor");

    public static TestUser PrincipalInvestigator { get; } = new("pi.study", StudyRoles.PrincipalInvestigator, null, "Principal investigator");

    public static TestUser Dsmc { get; } = new("dsmc", StudyRoles.DsmcMember, null, "DSMC member");

    /// <summary>
    /// The bootstrap administrator. Administrators must use TOTP, so the fixture enables an authenticator whose key
    /// it keeps, and <see cref="BrowserSession.SignInAsync(TestUser, string)"/> enters the current code.
    /// </summary>
    public static TestUser Administrator { get; } = new("admin", StudyRoles.Administrator, null, "Administrator");

    /// <summary>Every user above except the administrator, who exists already after the first start.</summary>
    public static IReadOnlyList<TestUser> Standard { get; } =
    [
        Coordinator, Radiologist1, Radiologist2, Radiologist3, CoordinatorHph, RadiologistHph, Monitor, PrincipalInvestigator, Dsmc,
    ];
}
