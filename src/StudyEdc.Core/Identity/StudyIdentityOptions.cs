using Microsoft.AspNetCore.Identity;

namespace StudyEdc.Core.Identity;

/// <summary>
/// The study's password and lockout policy, applied by the web host and by the tests so both use one policy.
/// </summary>
public static class StudyIdentityOptions
{
    public const int MinimumPasswordLength = 12;

    public const int RequiredUniqueCharacters = 6;

    public const int MaxFailedAccessAttempts = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Sets passwords to at least 12 characters with an upper-case letter, a lower-case letter, a digit and a
    /// symbol and locks an account for 15 minutes after 5 failed sign-ins (new users included). E-mail
    /// addresses are optional, so they need not be unique.
    /// </summary>
    public static void Apply(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        options.Password.RequiredLength = MinimumPasswordLength;
        options.Password.RequireUppercase = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireDigit = true;
        options.Password.RequireNonAlphanumeric = true;
        options.Password.RequiredUniqueChars = RequiredUniqueCharacters;

        options.Lockout.MaxFailedAccessAttempts = MaxFailedAccessAttempts;
        options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
        options.Lockout.AllowedForNewUsers = true;

        options.User.RequireUniqueEmail = false;
    }
}
