using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Data;
using StudyEdc.Core.Resources;

namespace StudyEdc.Core.Identity;

internal sealed partial class UserAdministrationService(
    StudyDbContext db,
    UserManager<StudyUser> userManager,
    ILogger<UserAdministrationService> logger) : IUserAdministrationService
{
    public const int MaxDisplayNameLength = 200;

    public async Task<IReadOnlyList<UserSummary>> ListAsync(StudyCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        if (!caller.IsInRole(StudyRoles.Administrator))
        {
            return [];
        }

        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken).ConfigureAwait(false);
        var roles = await RoleNamesByUserAsync(cancellationToken).ConfigureAwait(false);
        return users.Select(u => ToSummary(u, roles.GetValueOrDefault(u.Id))).ToList();
    }

    public async Task<ServiceResult<OneTimePasswordResult>> CreateAsync(StudyCaller caller, NewUserInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);

        if (!caller.IsInRole(StudyRoles.Administrator))
        {
            return AdministratorOnly<OneTimePasswordResult>();
        }

        var userName = input.UserName?.Trim() ?? "";
        var errors = new List<ValidationError>();
        if (!UserNamePattern().IsMatch(userName))
        {
            errors.Add(new(nameof(NewUserInput.UserName), "UserNameInvalid", CoreMessages.Format("UserNameInvalid", userName)));
        }
        else if (await userManager.FindByNameAsync(userName).ConfigureAwait(false) is not null)
        {
            errors.Add(new(nameof(NewUserInput.UserName), "UserNameTaken", CoreMessages.Format("UserNameTaken", userName)));
        }

        ValidateDisplayName(errors, input.DisplayName);
        var email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        if (email is not null && !MailAddress.TryCreate(email, out _))
        {
            errors.Add(new(nameof(NewUserInput.Email), "EmailInvalid", CoreMessages.Format("EmailInvalid", email)));
        }

        errors.AddRange(await ValidateRoleAndSiteAsync(input.Role, input.SiteId, cancellationToken).ConfigureAwait(false));
        if (errors.Count > 0)
        {
            return ServiceResult<OneTimePasswordResult>.Fail(ServiceFailure.Invalid, [.. errors]);
        }

        var user = new StudyUser
        {
            UserName = userName,
            DisplayName = input.DisplayName.Trim(),
            Email = email,
            SiteId = input.SiteId,
            MustChangePassword = true,
            IsActive = true,
        };
        var password = OneTimePasswordGenerator.Generate();

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var failure = FirstIdentityFailure(await userManager.CreateAsync(user, password).ConfigureAwait(false))
                ?? FirstIdentityFailure(await userManager.AddToRoleAsync(user, input.Role).ConfigureAwait(false));
            if (failure is not null)
            {
                return ServiceResult<OneTimePasswordResult>.Fail(ServiceFailure.Invalid, failure);
            }

            AddUserAudit(caller, user, AuditAction.Create, reason: null,
                (nameof(StudyUser.UserName), null, user.UserName),
                (nameof(StudyUser.DisplayName), null, user.DisplayName),
                (nameof(StudyUser.Email), null, user.Email),
                ("Role", null, input.Role),
                (nameof(StudyUser.SiteId), null, AuditValueFormatter.Format(user.SiteId)),
                (nameof(StudyUser.MustChangePassword), null, "true"));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        LogUserCreated(user.Id, input.Role);
        return ServiceResult<OneTimePasswordResult>.Success(new OneTimePasswordResult(ToSummary(user, input.Role), password));
    }

    public async Task<ServiceResult<UserSummary>> SetActiveAsync(StudyCaller caller, string userId, bool isActive, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        if (!caller.IsInRole(StudyRoles.Administrator))
        {
            return AdministratorOnly<UserSummary>();
        }

        var user = await userManager.FindByIdAsync(userId).ConfigureAwait(false);
        if (user is null)
        {
            return ServiceResult<UserSummary>.Fail(ServiceFailure.NotFound);
        }

        if (!isActive && user.Id == caller.UserId)
        {
            return ServiceResult<UserSummary>.Fail(ServiceFailure.Invalid,
                new ValidationError(nameof(StudyUser.IsActive), "CannotDeactivateSelf", CoreMessages.Get("CannotDeactivateSelf")));
        }

        var reasonError = ChangeReason.Validate(reason, required: true, () => CoreMessages.Get("ReasonRequiredGeneric"));
        if (reasonError is not null)
        {
            return ServiceResult<UserSummary>.Fail(ServiceFailure.Invalid, reasonError);
        }

        if (user.IsActive == isActive)
        {
            return ServiceResult<UserSummary>.Success(await SummaryAsync(user, cancellationToken).ConfigureAwait(false));
        }

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            user.IsActive = isActive;

            // A new security stamp invalidates the user's existing sign-in cookies at their next validation.
            var failure = FirstIdentityFailure(await userManager.UpdateSecurityStampAsync(user).ConfigureAwait(false));
            if (failure is not null)
            {
                return ServiceResult<UserSummary>.Fail(ServiceFailure.Invalid, failure);
            }

            AddUserAudit(caller, user, AuditAction.Update, reason,
                (nameof(StudyUser.IsActive), AuditValueFormatter.Format(!isActive), AuditValueFormatter.Format(isActive)));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        LogUserActiveChanged(user.Id, isActive);
        return ServiceResult<UserSummary>.Success(await SummaryAsync(user, cancellationToken).ConfigureAwait(false));
    }

    public async Task<ServiceResult<OneTimePasswordResult>> ResetPasswordAsync(StudyCaller caller, string userId, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        if (!caller.IsInRole(StudyRoles.Administrator))
        {
            return AdministratorOnly<OneTimePasswordResult>();
        }

        var user = await userManager.FindByIdAsync(userId).ConfigureAwait(false);
        if (user is null)
        {
            return ServiceResult<OneTimePasswordResult>.Fail(ServiceFailure.NotFound);
        }

        var reasonError = ChangeReason.Validate(reason, required: false, () => "");
        if (reasonError is not null)
        {
            return ServiceResult<OneTimePasswordResult>.Fail(ServiceFailure.Invalid, reasonError);
        }

        var password = OneTimePasswordGenerator.Generate();
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            user.MustChangePassword = true;
            var failure = FirstIdentityFailure(await userManager.RemovePasswordAsync(user).ConfigureAwait(false))
                ?? FirstIdentityFailure(await userManager.AddPasswordAsync(user, password).ConfigureAwait(false))
                ?? (user.LockoutEnabled ? FirstIdentityFailure(await userManager.SetLockoutEndDateAsync(user, null).ConfigureAwait(false)) : null)
                ?? FirstIdentityFailure(await userManager.ResetAccessFailedCountAsync(user).ConfigureAwait(false));
            if (failure is not null)
            {
                return ServiceResult<OneTimePasswordResult>.Fail(ServiceFailure.Invalid, failure);
            }

            // The password itself is never audited; the entry records that it was replaced.
            AddUserAudit(caller, user, AuditAction.PasswordReset, reason,
                (nameof(StudyUser.MustChangePassword), null, "true"));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        LogPasswordReset(user.Id);
        return ServiceResult<OneTimePasswordResult>.Success(
            new OneTimePasswordResult(await SummaryAsync(user, cancellationToken).ConfigureAwait(false), password));
    }

    public async Task<ServiceResult<UserSummary>> ChangeRoleAsync(StudyCaller caller, string userId, string role, int? siteId, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        if (!caller.IsInRole(StudyRoles.Administrator))
        {
            return AdministratorOnly<UserSummary>();
        }

        var user = await userManager.FindByIdAsync(userId).ConfigureAwait(false);
        if (user is null)
        {
            return ServiceResult<UserSummary>.Fail(ServiceFailure.NotFound);
        }

        if (user.Id == caller.UserId)
        {
            return ServiceResult<UserSummary>.Fail(ServiceFailure.Invalid,
                new ValidationError(nameof(NewUserInput.Role), "CannotChangeOwnRole", CoreMessages.Get("CannotChangeOwnRole")));
        }

        var errors = await ValidateRoleAndSiteAsync(role, siteId, cancellationToken).ConfigureAwait(false);
        var reasonError = ChangeReason.Validate(reason, required: true, () => CoreMessages.Get("ReasonRequiredGeneric"));
        if (reasonError is not null)
        {
            errors.Add(reasonError);
        }

        if (errors.Count > 0)
        {
            return ServiceResult<UserSummary>.Fail(ServiceFailure.Invalid, [.. errors]);
        }

        var currentRoles = await userManager.GetRolesAsync(user).ConfigureAwait(false);
        var oldRole = currentRoles.FirstOrDefault();
        var oldSiteId = user.SiteId;

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            user.SiteId = siteId;
            var failure = FirstIdentityFailure(await userManager.RemoveFromRolesAsync(user, currentRoles).ConfigureAwait(false))
                ?? FirstIdentityFailure(await userManager.AddToRoleAsync(user, role).ConfigureAwait(false))
                ?? FirstIdentityFailure(await userManager.UpdateSecurityStampAsync(user).ConfigureAwait(false));
            if (failure is not null)
            {
                return ServiceResult<UserSummary>.Fail(ServiceFailure.Invalid, failure);
            }

            AddUserAudit(caller, user, AuditAction.RoleChanged, reason,
                ("Role", oldRole, role),
                (nameof(StudyUser.SiteId), AuditValueFormatter.Format(oldSiteId), AuditValueFormatter.Format(siteId)));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        LogRoleChanged(user.Id, role);
        return ServiceResult<UserSummary>.Success(ToSummary(user, role));
    }

    public async Task<ServiceResult<UserSummary>> ChangeOwnPasswordAsync(StudyCaller caller, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(currentPassword);
        ArgumentNullException.ThrowIfNull(newPassword);

        var user = await userManager.FindByIdAsync(caller.UserId).ConfigureAwait(false);
        if (user is null || !user.IsActive)
        {
            return ServiceResult<UserSummary>.Fail(ServiceFailure.NotFound);
        }

        if (string.Equals(currentPassword, newPassword, StringComparison.Ordinal))
        {
            return ServiceResult<UserSummary>.Fail(ServiceFailure.Invalid,
                new ValidationError("NewPassword", "PasswordSameAsCurrent", CoreMessages.Get("PasswordSameAsCurrent")));
        }

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var result = await userManager.ChangePasswordAsync(user, currentPassword, newPassword).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                return ServiceResult<UserSummary>.Fail(ServiceFailure.Invalid, [.. result.Errors.Select(ToValidationError)]);
            }

            var hadToChange = user.MustChangePassword;
            user.MustChangePassword = false;
            var failure = FirstIdentityFailure(await userManager.UpdateAsync(user).ConfigureAwait(false));
            if (failure is not null)
            {
                return ServiceResult<UserSummary>.Fail(ServiceFailure.Invalid, failure);
            }

            db.AddAuditEntries(new AuditEntry
            {
                UserId = user.Id,
                UserName = user.UserName ?? "",
                EntityType = AuditEntityTypes.Account,
                EntityId = user.Id,
                Field = hadToChange ? nameof(StudyUser.MustChangePassword) : null,
                OldValue = hadToChange ? "true" : null,
                NewValue = hadToChange ? "false" : null,
                Action = AuditAction.PasswordChanged,
            });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        LogOwnPasswordChanged(user.Id);
        return ServiceResult<UserSummary>.Success(await SummaryAsync(user, cancellationToken).ConfigureAwait(false));
    }

    private async Task<List<ValidationError>> ValidateRoleAndSiteAsync(string? role, int? siteId, CancellationToken cancellationToken)
    {
        var errors = new List<ValidationError>();
        if (role is null || !StudyRoles.All.Contains(role, StringComparer.Ordinal))
        {
            errors.Add(new(nameof(NewUserInput.Role), "RoleUnknown",
                CoreMessages.Format("RoleUnknown", role, string.Join(", ", StudyRoles.All.Select(CoreMessages.RoleName)))));
            return errors;
        }

        var roleName = CoreMessages.RoleName(role);
        if (StudyRoles.IsAllSiteRole(role))
        {
            if (siteId is not null)
            {
                errors.Add(new(nameof(NewUserInput.SiteId), "SiteForbiddenForRole", CoreMessages.Format("SiteForbiddenForRole", roleName)));
            }
        }
        else if (siteId is null)
        {
            errors.Add(new(nameof(NewUserInput.SiteId), "SiteRequiredForRole", CoreMessages.Format("SiteRequiredForRole", roleName)));
        }
        else if (!await db.Sites.AnyAsync(s => s.Id == siteId, cancellationToken).ConfigureAwait(false))
        {
            errors.Add(new(nameof(NewUserInput.SiteId), "SiteUnknown", CoreMessages.Format("SiteUnknown", siteId)));
        }

        return errors;
    }

    private static void ValidateDisplayName(List<ValidationError> errors, string? displayName)
    {
        var length = displayName?.Trim().Length ?? 0;
        if (length == 0)
        {
            errors.Add(new(nameof(NewUserInput.DisplayName), "DisplayNameRequired", CoreMessages.Get("DisplayNameRequired")));
        }
        else if (length > MaxDisplayNameLength)
        {
            errors.Add(new(nameof(NewUserInput.DisplayName), "DisplayNameTooLong",
                CoreMessages.Format("DisplayNameTooLong", length, MaxDisplayNameLength)));
        }
    }

    private void AddUserAudit(StudyCaller caller, StudyUser user, AuditAction action, string? reason, params (string Field, string? Old, string? New)[] fields)
    {
        foreach (var (field, oldValue, newValue) in fields)
        {
            db.AddAuditEntries(new AuditEntry
            {
                UserId = caller.UserId,
                UserName = caller.UserName,
                SiteId = user.SiteId,
                EntityType = AuditEntityTypes.User,
                EntityId = user.Id,
                Field = field,
                OldValue = oldValue,
                NewValue = newValue,
                Action = action,
                Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            });
        }
    }

    private async Task<Dictionary<string, string>> RoleNamesByUserAsync(CancellationToken cancellationToken)
    {
        var pairs = await (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                select new { userRole.UserId, role.Name })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // A StudyEdc user has one role; should a database hold more, the list shows the first by name.
        return pairs.GroupBy(p => p.UserId)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Name ?? "").Order(StringComparer.Ordinal).First());
    }

    private async Task<UserSummary> SummaryAsync(StudyUser user, CancellationToken cancellationToken)
    {
        var roles = await userManager.GetRolesAsync(user).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return ToSummary(user, roles.Order(StringComparer.Ordinal).FirstOrDefault());
    }

    private static UserSummary ToSummary(StudyUser user, string? role) => new(
        user.Id,
        user.UserName ?? "",
        user.DisplayName,
        user.Email,
        role,
        user.SiteId,
        user.IsActive,
        user.MustChangePassword,
        user.TwoFactorEnabled,
        user.LockoutEnd);

    private static ValidationError? FirstIdentityFailure(IdentityResult result) =>
        result.Succeeded ? null : ToValidationError(result.Errors.First());

    /// <summary>Maps Identity's error codes to Core's localized messages; unknown codes keep Identity's description.</summary>
    private static ValidationError ToValidationError(IdentityError error)
    {
        var message = error.Code switch
        {
            "PasswordMismatch" => CoreMessages.Get("CurrentPasswordWrong"),
            "PasswordTooShort" => CoreMessages.Format("PasswordTooShort", StudyIdentityOptions.MinimumPasswordLength),
            "PasswordRequiresUpper" => CoreMessages.Get("PasswordRequiresUpper"),
            "PasswordRequiresLower" => CoreMessages.Get("PasswordRequiresLower"),
            "PasswordRequiresDigit" => CoreMessages.Get("PasswordRequiresDigit"),
            "PasswordRequiresNonAlphanumeric" => CoreMessages.Get("PasswordRequiresNonAlphanumeric"),
            "PasswordRequiresUniqueChars" => CoreMessages.Format("PasswordRequiresUniqueChars", StudyIdentityOptions.RequiredUniqueCharacters),
            _ => CoreMessages.Format("IdentityFailed", error.Description),
        };
        var field = error.Code == "PasswordMismatch" ? "CurrentPassword" : error.Code.StartsWith("Password", StringComparison.Ordinal) ? "NewPassword" : "";
        return new ValidationError(field, error.Code, message);
    }

    private static ServiceResult<T> AdministratorOnly<T>() =>
        ServiceResult<T>.Fail(ServiceFailure.Forbidden, new ValidationError("", "AdministratorOnly", CoreMessages.Get("AdministratorOnly")));

    [GeneratedRegex("^[A-Za-z0-9._-]{3,64}$")]
    private static partial Regex UserNamePattern();

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "User {UserId} created with role {Role}")]
    private partial void LogUserCreated(string userId, string role);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "User {UserId} active set to {IsActive}")]
    private partial void LogUserActiveChanged(string userId, bool isActive);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "Password of user {UserId} reset by an administrator")]
    private partial void LogPasswordReset(string userId);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Information, Message = "User {UserId} given role {Role}")]
    private partial void LogRoleChanged(string userId, string role);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Information, Message = "User {UserId} changed their password")]
    private partial void LogOwnPasswordChanged(string userId);
}
