using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace StudyEdc.Web.Tests.Infrastructure;

/// <summary>Signs in through the real sign-in form (antiforgery token included) and keeps the cookies.</summary>
public static partial class SignInClient
{
    public static async Task<HttpClient> SignInAsync(StudyEdcWebFactory factory, string userName, string password)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/Account/Login", TestContext.Current.CancellationToken);
        var token = AntiforgeryToken().Match(form).Groups[1].Value;

        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // A static SSR redirect (NavigationManager.NavigateTo) sends an absolute Location such as "http://localhost/".
        // Resolving it against the base address accepts that and a relative "/", and still requires this host's home page.
        Assert.Equal(new Uri(client.BaseAddress!, "/"), ResolvedLocation(client, response));
        return client;
    }

    private static Uri? ResolvedLocation(HttpClient client, HttpResponseMessage response) =>
        response.Headers.Location is { } location ? new Uri(client.BaseAddress!, location) : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
