namespace StudyEdc.Web.Identity;

/// <summary>Routes of the account pages and endpoints.</summary>
internal static class AccountPaths
{
    public const string Login = "/Account/Login";
    public const string LoginWithTwoFactor = "/Account/LoginWith2fa";
    public const string Logout = "/Account/Logout";
    public const string KeepAlive = "/Account/KeepAlive";
    public const string ChangePassword = "/Account/ChangePassword";
    public const string EnableAuthenticator = "/Account/EnableAuthenticator";
    public const string Lockout = "/Account/Lockout";
    public const string AccessDenied = "/Account/AccessDenied";
}
