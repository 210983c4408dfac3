using System.Globalization;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Queries;
using StudyEdc.Core.Resources;

namespace StudyEdc.Web.Components.Pages.Casebook;

/// <summary>Names of queried forms and fields, and query statuses, in the current UI culture.</summary>
internal static class QueryText
{
    /// <summary>Returns the form's label, or the key itself when no form has it.</summary>
    public static string Form(string formKey) => CrfForms.Find(formKey)?.Label(CultureInfo.CurrentUICulture) ?? formKey;

    /// <summary>Returns the field's label, or the field name itself when the form does not declare it.</summary>
    public static string Field(string formKey, string fieldName) =>
        CrfForms.Find(formKey)?.Find(fieldName)?.Label(CultureInfo.CurrentUICulture) ?? fieldName;

    public static string Status(QueryStatus status) => CrfMessages.Choice(status);

    public static string Action(QueryAction action) => CrfMessages.Choice(action);

    /// <summary>Returns the page that shows the queried record's form.</summary>
    public static string FormHref(string formKey, int participantId) => formKey switch
    {
        CrfForms.ClinicalKey => $"/participants/{participantId}/clinical",
        CrfForms.LesionKey => $"/participants/{participantId}/lesions",
        CrfForms.ExclusionKey => $"/participants/{participantId}/exclusions",
        _ => $"/participants/{participantId}",
    };
}
