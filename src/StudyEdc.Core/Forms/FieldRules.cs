using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using StudyEdc.Core.Resources;

namespace StudyEdc.Core.Forms;

/// <summary>
/// Checks a record against its form's field declarations: required-ness, numeric range, text length and pattern,
/// and allowed choices. Cross-field and protocol rules live with each form's own validator.
/// </summary>
internal static class FieldRules
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <param name="form">The form whose declarations apply.</param>
    /// <param name="record">An instance of the form's entity type holding the values to check.</param>
    /// <param name="completing">True when the form is, or is becoming, complete: <see cref="FieldRequirement.ToComplete"/> fields must then be filled.</param>
    public static List<ValidationError> Validate(FormDefinition form, object record, bool completing)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(record);

        var errors = new List<ValidationError>();
        foreach (var field in form.Fields.Where(f => !f.Derived))
        {
            var value = field.Property.GetValue(record);
            if (value is null || value is string text && string.IsNullOrWhiteSpace(text))
            {
                if (field.Requirement == FieldRequirement.Always)
                {
                    errors.Add(Error(field, "FieldRequired", CrfMessages.Format("FieldRequired", CrfMessages.Label(field))));
                }
                else if (completing && field.Requirement == FieldRequirement.ToComplete)
                {
                    errors.Add(Error(field, "FieldRequiredToComplete", CrfMessages.Format("FieldRequiredToComplete", CrfMessages.Label(field))));
                }

                continue;
            }

            var error = value switch
            {
                string s => CheckText(field, s),
                Enum member => CheckChoice(field, member),
                int or long or decimal or double => CheckRange(field, Convert.ToDouble(value, CultureInfo.InvariantCulture), value),
                _ => null,
            };
            if (error is not null)
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    /// <summary>Returns the error "{field} is missing" used when a conditional field is empty.</summary>
    public static ValidationError Required(FormDefinition form, string fieldName, string conditionText)
    {
        var field = Field(form, fieldName);
        return Error(field, "FieldRequiredWhen", CrfMessages.Format("FieldRequiredWhen", CrfMessages.Label(field), conditionText));
    }

    /// <summary>Returns the error "{field} must stay empty" used when a value does not apply to the record.</summary>
    public static ValidationError NotApplicable(FormDefinition form, string fieldName, string conditionText)
    {
        var field = Field(form, fieldName);
        return Error(field, "FieldNotApplicable", CrfMessages.Format("FieldNotApplicable", CrfMessages.Label(field), conditionText));
    }

    public static FieldDefinition Field(FormDefinition form, string fieldName) =>
        form.Find(fieldName) ?? throw new ArgumentOutOfRangeException(nameof(fieldName), fieldName, $"Form {form.Key} has no field '{fieldName}'.");

    private static ValidationError? CheckText(FieldDefinition field, string text)
    {
        if (field.MaxLength is { } maxLength && text.Length > maxLength)
        {
            return Error(field, "TextTooLong", CrfMessages.Format("TextTooLong", CrfMessages.Label(field), text.Length, maxLength));
        }

        if (field.Pattern is { } pattern && !PatternFor(pattern).IsMatch(text))
        {
            return Error(field, "PatternMismatch", CrfMessages.Format("PatternMismatch", CrfMessages.Label(field), text, field.Rule(CultureInfo.CurrentUICulture) ?? pattern));
        }

        return null;
    }

    private static ValidationError? CheckChoice(FieldDefinition field, Enum member)
    {
        if (Enum.IsDefined(member.GetType(), member))
        {
            return null;
        }

        var allowed = string.Join(", ", field.Choices.Select(c => c.Label(CultureInfo.CurrentUICulture)));
        return Error(field, "ValueNotAllowed", CrfMessages.Format("ValueNotAllowed", CrfMessages.Label(field), member.ToString(), allowed));
    }

    private static ValidationError? CheckRange(FieldDefinition field, double number, object value)
    {
        var belowMinimum = field.Minimum is { } minimum && number < minimum;
        var aboveMaximum = field.Maximum is { } maximum && number > maximum;
        if (!belowMinimum && !aboveMaximum)
        {
            return null;
        }

        var unit = field.Unit is null ? "" : " " + field.Unit;
        var range = string.Create(CultureInfo.CurrentCulture, $"{field.Minimum?.ToString(CultureInfo.CurrentCulture) ?? "−∞"}–{field.Maximum?.ToString(CultureInfo.CurrentCulture) ?? "∞"}{unit}");
        var shown = Convert.ToString(value, CultureInfo.CurrentCulture) + unit;
        return Error(field, "OutOfRange", CrfMessages.Format("OutOfRange", CrfMessages.Label(field), shown, range));
    }

    private static Regex PatternFor(string pattern) =>
        Patterns.GetOrAdd(pattern, p => new Regex("^(?:" + p + ")$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)));

    private static ValidationError Error(FieldDefinition field, string code, string message) => new(field.Name, code, message);
}
