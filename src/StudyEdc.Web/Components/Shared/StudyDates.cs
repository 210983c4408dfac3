using System.Globalization;

namespace StudyEdc.Web.Components.Shared;

/// <summary>
/// The one date format of the UI, yyyy-MM-dd, used for input and display in both languages so that a date
/// never depends on the browser's or the server's locale.
/// </summary>
internal static class StudyDates
{
    public const string DateFormat = "yyyy-MM-dd";
    public const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    public static string Format(DateOnly? date) =>
        date?.ToString(DateFormat, CultureInfo.InvariantCulture) ?? "";

    public static string Format(DateTime dateTime) => dateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);
}
