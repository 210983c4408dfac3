using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using StudyEdc.Core.Identity;

namespace StudyEdc.Web.Identity;

/// <summary>
/// Puts the user's site, display name and pending account steps into the sign-in cookie. The cookie is
/// re-issued after each account step and whenever the security stamp changes.
/// </summary>
internal sealed class StudyUserClaimsPrincipalFactory(
    UserManager<StudyUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StudyUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StudyUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(WebClaimTypes.DisplayName, user.DisplayName));
        if (user.SiteId is int siteId)
        {
            identity.AddClaim(new Claim(StudyClaimTypes.SiteId, siteId.ToString(CultureInfo.InvariantCulture)));
        }

        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(WebClaimTypes.MustChangePassword, "true"));
        }

        if (!user.TwoFactorEnabled && await UserManager.IsInRoleAsync(user, StudyRoles.Administrator))
        {
            identity.AddClaim(new Claim(WebClaimTypes.TwoFactorSetupRequired, "true"));
        }

        return identity;
    }
}
