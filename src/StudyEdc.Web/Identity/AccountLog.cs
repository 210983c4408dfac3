namespace StudyEdc.Web.Identity;

/// <summary>Log messages of the account pages. They carry user ids only, never names or passwords.</summary>
internal static partial class AccountLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "User {UserId} signed in")]
    public static partial void SignedIn(ILogger logger, string userId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Sign-in failed for user {UserId} (null: unknown user name)")]
    public static partial void SignInFailed(ILogger logger, string? userId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "User {UserId} locked out after repeated failed sign-ins")]
    public static partial void LockedOut(ILogger logger, string userId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Invalid authenticator code for user {UserId}")]
    public static partial void TwoFactorFailed(ILogger logger, string userId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "User {UserId} enabled two-factor authentication")]
    public static partial void TwoFactorEnabled(ILogger logger, string userId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "User {UserId} changed the password")]
    public static partial void PasswordChanged(ILogger logger, string userId);
}
