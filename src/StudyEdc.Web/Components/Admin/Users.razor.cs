using Microsoft.AspNetCore.Components;
using MudBlazor;
using StudyEdc.Core;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Sites;
using StudyEdc.Web.Components.Shared;
using StudyEdc.Web.Identity;

namespace StudyEdc.Web.Components.Admin;

/// <summary>User administration: create users with a role and site, deactivate, reset passwords.</summary>
public partial class Users
{
    private IReadOnlyList<UserSummary> _users = [];
    private IReadOnlyList<SiteSummary> _sites = [];
    private IReadOnlyList<ValidationError> _errors = [];
    private OneTimePasswordResult? _oneTimePassword;
    private NewUserModel _newUser = new();
    private string? _signedInUserId;
    private bool _busy;

    [Inject]
    private StudyOperations Operations { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _signedInUserId = (await Operations.GetCallerAsync())?.UserId;
        _sites = await Operations.RunAsync<ISiteService, IReadOnlyList<SiteSummary>>((sites, caller) => sites.ListAsync(caller));
        await LoadUsersAsync();
    }

    private async Task LoadUsersAsync() =>
        _users = await Operations.RunAsync<IUserAdministrationService, IReadOnlyList<UserSummary>>((users, caller) => users.ListAsync(caller));

    private string SiteCode(int? siteId) => _sites.FirstOrDefault(site => site.Id == siteId)?.Code ?? "";

    private async Task CreateAsync()
    {
        var input = new NewUserInput(
            _newUser.UserName.Trim(),
            _newUser.DisplayName.Trim(),
            string.IsNullOrWhiteSpace(_newUser.Email) ? null : _newUser.Email.Trim(),
            _newUser.Role,
            StudyRoles.IsAllSiteRole(_newUser.Role) ? null : _newUser.SiteId);
        await RunAsync(async () =>
        {
            var result = await Operations.RunAsync<IUserAdministrationService, ServiceResult<OneTimePasswordResult>>(
                (users, caller) => users.CreateAsync(caller, input));
            if (Apply(result))
            {
                _oneTimePassword = result.Value;
                _newUser = new NewUserModel();
            }
        });
    }

    private async Task SetActiveAsync(UserSummary user, bool isActive)
    {
        var reason = await ReasonDialog.AskAsync(Dialogs, L["Reason.Title"],
            isActive ? L["Users.ReactivatePrompt", user.UserName] : L["Users.DeactivatePrompt", user.UserName]);
        if (reason is null)
        {
            return;
        }

        await RunAsync(async () => Apply(await Operations.RunAsync<IUserAdministrationService, ServiceResult<UserSummary>>(
            (users, caller) => users.SetActiveAsync(caller, user.Id, isActive, reason))));
    }

    private async Task ResetPasswordAsync(UserSummary user)
    {
        var reason = await ReasonDialog.AskAsync(Dialogs, L["Reason.Title"], L["Users.ResetPrompt", user.UserName]);
        if (reason is null)
        {
            return;
        }

        await RunAsync(async () =>
        {
            var result = await Operations.RunAsync<IUserAdministrationService, ServiceResult<OneTimePasswordResult>>(
                (users, caller) => users.ResetPasswordAsync(caller, user.Id, reason));
            if (Apply(result))
            {
                _oneTimePassword = result.Value;
            }
        });
    }

    private bool Apply<T>(ServiceResult<T> result)
    {
        _errors = result.Errors;
        return result.Succeeded;
    }

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        try
        {
            await action();
            await LoadUsersAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private sealed class NewUserModel
    {
        public string UserName { get; set; } = "";

        public string DisplayName { get; set; } = "";

        public string? Email { get; set; }

        public string Role { get; set; } = StudyRoles.SiteCoordinator;

        public int? SiteId { get; set; }
    }
}
