using System.Globalization;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;

namespace StudyEdc.Demo;

/// <summary>
/// A demo sign-in account. <see cref="Password"/> is null when every account uses the configured
/// <c>Demo:Password</c>, so that value is never echoed.
/// </summary>
public sealed record DemoAccount(string UserName, string DisplayName, string Role, string? SiteCode, string? Password);

/// <summary>A site of the study with the demo users who work there.</summary>
internal sealed record DemoSiteStaff(int SiteId, string SiteCode, StudyCaller Coordinator, IReadOnlyList<StudyCaller> Radiologists);

/// <summary>Every demo user as a caller, plus the accounts to print and the password the Principal Investigator signs with.</summary>
internal sealed record DemoStaff(
    StudyCaller PrincipalInvestigator,
    string PrincipalInvestigatorPassword,
    StudyCaller Monitor,
    StudyCaller DsmcMember,
    IReadOnlyList<DemoSiteStaff> Sites,
    IReadOnlyList<DemoAccount> Accounts);

/// <summary>
/// Creates the demo users through the user-administration service, acting as the bootstrap Administrator, and
/// sets each password through the user's own password change, so the accounts need no change at first sign-in.
/// </summary>
internal static class DemoAccounts
{
    public static async Task<DemoStaff> CreateAsync(DemoSession session, IReadOnlyList<(int Id, string Code)> sites, string? fixedPassword)
    {
        var administrator = await session.FindCallerAsync(StudyDatabaseInitializer.BootstrapAdminUserName).ConfigureAwait(false);
        if (administrator is null || !administrator.IsInRole(StudyRoles.Administrator))
        {
            throw new DemoSeedException(
                $"The bootstrap administrator '{StudyDatabaseInitializer.BootstrapAdminUserName}' is missing, deactivated or not an Administrator. Seed the demo into a fresh data directory.");
        }

        var accounts = new List<DemoAccount>();
        var creator = new AccountCreator(session, administrator, fixedPassword, accounts);
        var (principalInvestigator, principalInvestigatorPassword) =
            await creator.CreateAsync("investigator", "Principal Investigator", StudyRoles.PrincipalInvestigator, site: null).ConfigureAwait(false);
        var (monitor, _) = await creator.CreateAsync("monitor", "Monitor", StudyRoles.Monitor, site: null).ConfigureAwait(false);
        var (dsmcMember, _) = await creator.CreateAsync("dsmc", "DSMC Member", StudyRoles.DsmcMember, site: null).ConfigureAwait(false);

        var siteStaff = new List<DemoSiteStaff>();
        foreach (var site in sites)
        {
            var prefix = site.Code.ToLowerInvariant();
            var (coordinator, _) = await creator.CreateAsync($"{prefix}-coordinator", $"{site.Code} Coordinator", StudyRoles.SiteCoordinator, site).ConfigureAwait(false);
            var radiologists = new List<StudyCaller>();
            for (var reader = 1; reader <= DemoOptions.RadiologistsPerSite; reader++)
            {
                var number = reader.ToString(CultureInfo.InvariantCulture);
                var (radiologist, _) = await creator.CreateAsync($"{prefix}-radiologist-{number}", $"{site.Code} Radiologist {number}", StudyRoles.Radiologist, site)
                    .ConfigureAwait(false);
                radiologists.Add(radiologist);
            }

            siteStaff.Add(new DemoSiteStaff(site.Id, site.Code, coordinator, radiologists));
        }

        return new DemoStaff(principalInvestigator, principalInvestigatorPassword, monitor, dsmcMember, siteStaff, accounts);
    }

    private sealed class AccountCreator(DemoSession session, StudyCaller administrator, string? fixedPassword, List<DemoAccount> accounts)
    {
        public async Task<(StudyCaller Caller, string Password)> CreateAsync(string userName, string displayName, string role, (int Id, string Code)? site)
        {
            var created = await session.RunAsync<IUserAdministrationService, OneTimePasswordResult>($"create user {userName}",
                (users, token) => users.CreateAsync(administrator, new NewUserInput(userName, displayName, null, role, site?.Id), token)).ConfigureAwait(false);
            var caller = await session.CallerAsync(created.User.Id).ConfigureAwait(false);

            var password = fixedPassword ?? OneTimePasswordGenerator.Generate();
            await session.RunAsync<IUserAdministrationService, UserSummary>($"set the password of {userName}",
                (users, token) => users.ChangeOwnPasswordAsync(caller, created.OneTimePassword, password, token)).ConfigureAwait(false);

            accounts.Add(new DemoAccount(userName, displayName, role, site?.Code, fixedPassword is null ? password : null));
            return (caller, password);
        }
    }
}
