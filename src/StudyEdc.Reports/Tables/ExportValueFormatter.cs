using System.Globalization;

namespace StudyEdc.Reports.Tables;

/// <summary>
/// Writes cell values as text that does not depend on the UI culture: '.' decimals, ISO dates, UTC times
/// ("yyyy-MM-dd HH:mm:ss", which R, SPSS and Stata all parse), and 1/0 for booleans.
/// </summary>
public static class ExportValueFormatter
{
    /// <summary>Format of <see cref="ExportValueType.DateTime"/> values; always UTC.</summary>
    public const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>Format of <see cref="ExportValueType.Date"/> values.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>
    /// Returns the cell as export text, or null for a missing value. The table name and row index only go into
    /// the error message.
    /// </summary>
    /// <exception cref="InvalidExportModelException">
    /// The value's CLR type does not fit the column type, or the column is coded and the value is not an allowed code.
    /// </exception>
    public static string? Format(ExportColumn column, object? value, string tableName, int rowIndex)
    {
        if (value is null)
        {
            return null;
        }

        if (column.Type == ExportValueType.DateTime && value is DateTime { Kind: not DateTimeKind.Utc } local)
        {
            throw new InvalidExportModelException(
                $"Row {rowIndex + 1}, column '{column.Name}' of table '{tableName}' holds DateTime {local:O} of kind "
                + $"{local.Kind}. Exports are written in UTC: pass a UTC DateTime or a DateTimeOffset.");
        }

        var text = FormatByType(column, value) ?? throw new InvalidExportModelException(
            $"Row {rowIndex + 1}, column '{column.Name}' of table '{tableName}' holds a {value.GetType().Name} "
            + $"'{Convert.ToString(value, CultureInfo.InvariantCulture)}', but the column type is {column.Type}. "
            + "Convert the value or change the column type.");

        if (column.AllowedValues.Count > 0 && !column.AllowedValues.Any(allowed => allowed.Code == text))
        {
            throw new InvalidExportModelException(
                $"Row {rowIndex + 1}, column '{column.Name}' of table '{tableName}' holds '{text}', which is not an "
                + $"allowed value ({string.Join(", ", column.AllowedValues.Select(allowed => allowed.Code))}). "
                + "Correct the data or add the code to the column's allowed values.");
        }

        return text;
    }

    private static string? FormatByType(ExportColumn column, object value) => (column.Type, value) switch
    {
        (ExportValueType.Text, string text) => text,
        (ExportValueType.Integer, int number) => number.ToString(CultureInfo.InvariantCulture),
        (ExportValueType.Integer, long number) => number.ToString(CultureInfo.InvariantCulture),
        (ExportValueType.Decimal, double number) when double.IsFinite(number) => FormatDecimal(number, column.Decimals),
        (ExportValueType.Decimal, decimal number) => column.Decimals is { } digits
            ? number.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : number.ToString(CultureInfo.InvariantCulture),
        (ExportValueType.Decimal, int number) => number.ToString(CultureInfo.InvariantCulture),
        (ExportValueType.Date, DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture),
        (ExportValueType.DateTime, DateTimeOffset time) => time.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture),
        (ExportValueType.DateTime, DateTime time) when time.Kind == DateTimeKind.Utc =>
            time.ToString(DateTimeFormat, CultureInfo.InvariantCulture),
        (ExportValueType.Boolean, bool flag) => flag ? "1" : "0",
        _ => null,
    };

    private static string FormatDecimal(double number, int? decimals) => decimals is { } digits
        ? number.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
        : number.ToString("R", CultureInfo.InvariantCulture);
}
