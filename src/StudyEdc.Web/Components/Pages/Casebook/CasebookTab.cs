using MudBlazor;

namespace StudyEdc.Web.Components.Pages.Casebook;

/// <summary>
/// One tab of a participant's casebook: <c>PathSuffix</c> is appended to /participants/{id}, and the label is
/// the CasebookFormsResource string "Tab.{Key}".
/// </summary>
internal sealed record CasebookTab(string Key, string PathSuffix, string Icon)
{
    /// <summary>
    /// The casebook's tabs in the order shown. Adding a page is one line here and a "Tab.{Key}" string in
    /// CasebookFormsResource.resx and CasebookFormsResource.zh-CN.resx.
    /// </summary>
    public static IReadOnlyList<CasebookTab> All { get; } =
    [
        new("Details", "", Icons.Material.Filled.Person),
        new("Clinical", "/clinical", Icons.Material.Filled.MedicalInformation),
        new("Lesions", "/lesions", Icons.Material.Filled.CenterFocusStrong),
        new("Exclusions", "/exclusions", Icons.Material.Filled.Block),
        new("Imaging", "/imaging", Icons.Material.Filled.Image),
        new("Review", "/review", Icons.Material.Filled.FactCheck),
        new("Audit", "/audit", Icons.Material.Filled.History),
    ];

    public string Href(int participantId) => $"/participants/{participantId}{PathSuffix}";
}
