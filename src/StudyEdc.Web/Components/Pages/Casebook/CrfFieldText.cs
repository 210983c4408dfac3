using System.Globalization;
using StudyEdc.Core.Forms;

namespace StudyEdc.Web.Components.Pages.Casebook;

/// <summary>Declared text of CRF fields in the current UI culture, for helper lines under the inputs.</summary>
internal static class CrfFieldText
{
    /// <summary>Returns the field's declared rule, or null when it has none or the form does not declare the field.</summary>
    public static string? Rule(FormDefinition form, string field) => form.Find(field)?.Rule(CultureInfo.CurrentUICulture);

    /// <summary>Returns the style that marks a field with a query that is not closed, or null for other fields.</summary>
    public static string? QueriedStyle(bool queried) =>
        queried ? "border-left: 4px solid var(--mud-palette-warning); padding-left: 8px" : null;

    /// <summary>Returns the value of the data-queried attribute: "true" for a queried field, null (no attribute) otherwise.</summary>
    public static string? QueriedAttribute(bool queried) => queried ? "true" : null;
}
