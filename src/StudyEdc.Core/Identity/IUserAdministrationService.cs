namespace StudyEdc.Core.Identity;

/// <summary>
/// User administration for Administrators, plus the caller's own password change. Every change is audited.
/// A SiteCoordinator or Radiologist needs a site; the all-site roles must have none.
/// </summary>
public interface IUserAdministrationService
{
    /// <summary>All users, ordered by user name; empty for callers who are not Administrators.</summary>
    Task<IReadOnlyList<UserSummary>> ListAsync(StudyCaller caller, CancellationToken cancellationToken = default);

    /// <summary>Creates an active user who must change the returned one-time password at first sign-in.</summary>
    Task<ServiceResult<OneTimePasswordResult>> CreateAsync(StudyCaller caller, NewUserInput input, CancellationToken cancellationToken = default);

    /// <summary>Deactivates (the user can no longer sign in) or reactivates a user. A reason is required.</summary>
    Task<ServiceResult<UserSummary>> SetActiveAsync(StudyCaller caller, string userId, bool isActive, string? reason, CancellationToken cancellationToken = default);

    /// <summary>Replaces the password by a new one-time password, sets MustChangePassword and ends the lockout.</summary>
    Task<ServiceResult<OneTimePasswordResult>> ResetPasswordAsync(StudyCaller caller, string userId, string? reason, CancellationToken cancellationToken = default);

    /// <summary>Changes role and site together, since the role decides whether a site is allowed. A reason is required.</summary>
    Task<ServiceResult<UserSummary>> ChangeRoleAsync(StudyCaller caller, string userId, string role, int? siteId, string? reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes the caller's own password and clears MustChangePassword. Failures name the unmet password rule.
    /// </summary>
    Task<ServiceResult<UserSummary>> ChangeOwnPasswordAsync(StudyCaller caller, string currentPassword, string newPassword, CancellationToken cancellationToken = default);
}

public sealed record NewUserInput(string UserName, string DisplayName, string? Email, string Role, int? SiteId);

public sealed record UserSummary(
    string Id,
    string UserName,
    string DisplayName,
    string? Email,
    string? Role,
    int? SiteId,
    bool IsActive,
    bool MustChangePassword,
    bool TwoFactorEnabled,
    DateTimeOffset? LockoutEnd);

/// <summary>A user and the one-time password to hand over; the password is shown once and never stored in clear.</summary>
public sealed record OneTimePasswordResult(UserSummary User, string OneTimePassword);
