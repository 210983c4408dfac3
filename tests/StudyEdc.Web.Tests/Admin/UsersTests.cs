using Bunit;
using MudBlazor;
using StudyEdc.Core.Identity;
using StudyEdc.Web.Components.Admin;
using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Admin;

/// <summary>The user administration page.</summary>
public sealed class UsersTests : StudyPageContext
{
    [Fact]
    public async Task Own_row_offers_no_deactivate()
    {
        await SignInAsync("admin.second", StudyRoles.Administrator, null);

        var page = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<Users>(1);
            builder.CloseComponent();
        });

        page.WaitForAssertion(() => page.Find("[data-testid=set-active-admin]"));
        Assert.Empty(page.FindAll("[data-testid='set-active-admin.second']"));
    }
}
