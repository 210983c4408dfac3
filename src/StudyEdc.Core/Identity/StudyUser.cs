using Microsoft.AspNetCore.Identity;

namespace StudyEdc.Core.Identity;

/// <summary>
/// A person who signs in to StudyEdc. <see cref="SiteId"/> is null for users of all-site roles.
/// </summary>
public class StudyUser : IdentityUser
{
    public int? SiteId { get; set; }

    public string DisplayName { get; set; } = "";

    /// <summary>Set for the bootstrap Administrator and after an administrator resets a password.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>UI culture chosen by the user: "zh-CN" (default) or "en".</summary>
    public string PreferredCulture { get; set; } = "zh-CN";

    public bool IsActive { get; set; } = true;
}
