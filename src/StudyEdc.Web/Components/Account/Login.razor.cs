using Microsoft.AspNetCore.Components;
using StudyEdc.Core.Identity;
using StudyEdc.Web.Identity;
using StudyEdc.Web.Localization;

namespace StudyEdc.Web.Components.Account;

public partial class Login
{
    private string? _errorMessage;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private SignInInput Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    [SupplyParameterFromQuery]
    private bool Idle { get; set; }

    protected override void OnInitialized() => Input ??= new SignInInput();

    private async Task SignInAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.UserName) || string.IsNullOrEmpty(Input.Password))
        {
            _errorMessage = L["Login.Missing"];
            return;
        }

        var cancellationToken = HttpContext.RequestAborted;
        var userName = Input.UserName.Trim();
        var user = await UserManager.FindByNameAsync(userName);

        // A deactivated account gets the same message as a wrong password, so the form does not reveal it.
        if (user is null || !user.IsActive)
        {
            await AuditTrail.RecordSignInAsync(user?.Id, userName, succeeded: false, cancellationToken);
            AccountLog.SignInFailed(Logger, user?.Id);
            _errorMessage = L["Login.Failed"];
            return;
        }

        var result = await SignInManager.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await AuditTrail.RecordSignInAsync(user.Id, userName, succeeded: true, cancellationToken);
            AccountLog.SignedIn(Logger, user.Id);
            StudyCultures.WriteCookie(HttpContext.Response, user.PreferredCulture);
            Redirect.RedirectTo(ReturnUrl);
        }
        else if (result.RequiresTwoFactor)
        {
            Redirect.RedirectTo(AccountPaths.LoginWithTwoFactor, new Dictionary<string, object?> { ["ReturnUrl"] = ReturnUrl });
        }
        else if (result.IsLockedOut)
        {
            await AuditTrail.RecordAccountEventAsync(user.Id, userName, Core.Auditing.AuditAction.LockedOut, cancellationToken: cancellationToken);
            AccountLog.LockedOut(Logger, user.Id);
            Redirect.RedirectTo(AccountPaths.Lockout);
        }
        else
        {
            await AuditTrail.RecordSignInAsync(user.Id, userName, succeeded: false, cancellationToken);
            AccountLog.SignInFailed(Logger, user.Id);
            _errorMessage = L["Login.Failed"];
        }
    }

    private sealed class SignInInput
    {
        public string UserName { get; set; } = "";

        public string Password { get; set; } = "";
    }
}
