using System.Globalization;
using System.Resources;
using StudyEdc.Core.Participants;

namespace StudyEdc.Core.Resources;

/// <summary>
/// Core's user-facing text from CoreMessages.resx (English, the neutral resources) and CoreMessages.zh-CN.resx,
/// in the current UI culture. Pages use it to show status names, role names, field labels and ineligibility
/// reasons with the same wording as the validation messages.
/// </summary>
public static class CoreMessages
{
    private static readonly ResourceManager Resources =
        new("StudyEdc.Core.Resources.CoreMessages", typeof(CoreMessages).Assembly);

    /// <summary>Returns the text named <paramref name="name"/>, or the name itself when no resource has it.</summary>
    public static string Get(string name) => Resources.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    /// <summary>Formats the text named <paramref name="name"/>; arguments are formatted with the current culture.</summary>
    public static string Format(string name, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, Get(name), args);

    public static string StatusName(FormStatus status) => Get("Status_" + status);

    public static string RoleName(string role) => Get("Role_" + role);

    /// <summary>Label of a participant CRF field, by property name (for example "CtExamDate").</summary>
    public static string FieldLabel(string propertyName) => Get("Field_" + propertyName);

    /// <summary>Description of an ineligibility reason code (see <see cref="IneligibilityReason"/>).</summary>
    public static string IneligibilityReasonText(string code) => Get("Ineligible_" + code);
}
