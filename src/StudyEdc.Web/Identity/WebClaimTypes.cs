namespace StudyEdc.Web.Identity;

/// <summary>Claims the web host adds to the sign-in cookie besides Core's site claim.</summary>
internal static class WebClaimTypes
{
    /// <summary>Present ("true") while the user still signs in with a one-time password.</summary>
    public const string MustChangePassword = "studyedc:must-change-password";

    /// <summary>Present ("true") for an Administrator who has not set up an authenticator app yet.</summary>
    public const string TwoFactorSetupRequired = "studyedc:2fa-setup-required";

    public const string DisplayName = "studyedc:display-name";
}
