using System.Reflection;
using StudyEdc.Core.Adjudication;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Exclusions;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Participants;

namespace StudyEdc.Core.Forms;

/// <summary>
/// The study's CRFs, read once from the <see cref="CrfFormAttribute"/>, <see cref="CrfFieldAttribute"/> and
/// <see cref="CrfChoiceAttribute"/> declarations on the entities. The order here is the casebook's order.
/// </summary>
public static class CrfForms
{
    public const string ParticipantKey = "Participant";
    public const string ClinicalKey = "Clinical";
    public const string LesionKey = "Lesion";
    public const string ExclusionKey = "Exclusion";
    public const string ReaderReadKey = "ReaderRead";
    public const string ConsensusKey = "Consensus";

    private static readonly Lazy<IReadOnlyList<FormDefinition>> Definitions = new(() =>
    [
        Describe(typeof(Participant)),
        Describe(typeof(ClinicalCrf)),
        Describe(typeof(Lesion)),
        Describe(typeof(Exclusion)),
        Describe(typeof(AdjudicationRead)),
        Describe(typeof(AdjudicationCase)),
    ]);

    public static IReadOnlyList<FormDefinition> All => Definitions.Value;

    public static FormDefinition Participant => Get(ParticipantKey);

    public static FormDefinition Clinical => Get(ClinicalKey);

    public static FormDefinition Lesion => Get(LesionKey);

    public static FormDefinition Exclusion => Get(ExclusionKey);

    /// <summary>Returns the form with <paramref name="key"/>, or null when no form has it.</summary>
    public static FormDefinition? Find(string? key) => All.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.Ordinal));

    public static FormDefinition Get(string key) =>
        Find(key) ?? throw new ArgumentOutOfRangeException(nameof(key), key, $"No CRF has the key '{key}'. Known keys: {string.Join(", ", All.Select(f => f.Key))}.");

    /// <summary>Builds the definition of a form from its entity's attributes.</summary>
    internal static FormDefinition Describe(Type entityType)
    {
        var form = entityType.GetCustomAttribute<CrfFormAttribute>()
            ?? throw new InvalidOperationException($"{entityType.Name} has no [CrfForm] attribute, so it is not a CRF.");

        var fields = new List<FieldDefinition>();
        foreach (var property in entityType.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            var field = property.GetCustomAttribute<CrfFieldAttribute>();
            if (field is null)
            {
                continue;
            }

            var valueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            fields.Add(new FieldDefinition(
                form.Key,
                property.Name,
                fields.Count + 1,
                field.LabelZh,
                field.LabelEn,
                DataTypeOf(valueType, property),
                field.Unit,
                field.Requirement,
                double.IsNaN(field.Minimum) ? null : field.Minimum,
                double.IsNaN(field.Maximum) ? null : field.Maximum,
                field.MaxLength > 0 ? field.MaxLength : null,
                field.Pattern,
                valueType.IsEnum ? ChoicesOf(valueType) : [],
                field.IdentifiesPerson,
                field.Derived,
                field.RuleZh,
                field.RuleEn) { Property = property });
        }

        return new FormDefinition(form.Key, form.LabelZh, form.LabelEn, entityType, fields);
    }

    private static FieldDataType DataTypeOf(Type valueType, PropertyInfo property) => valueType switch
    {
        _ when valueType == typeof(string) => FieldDataType.Text,
        _ when valueType == typeof(int) || valueType == typeof(long) => FieldDataType.WholeNumber,
        _ when valueType == typeof(decimal) || valueType == typeof(double) => FieldDataType.Number,
        _ when valueType == typeof(DateOnly) => FieldDataType.Date,
        _ when valueType == typeof(DateTime) => FieldDataType.DateTime,
        _ when valueType == typeof(bool) => FieldDataType.YesNo,
        _ when valueType.IsEnum => FieldDataType.Choice,
        _ => throw new InvalidOperationException(
            $"{property.DeclaringType?.Name}.{property.Name} has type {valueType.Name}, which a CRF field cannot have."),
    };

    private static List<ChoiceDefinition> ChoicesOf(Type enumType)
    {
        var choices = new List<ChoiceDefinition>();
        foreach (var member in enumType.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var choice = member.GetCustomAttribute<CrfChoiceAttribute>()
                ?? throw new InvalidOperationException($"{enumType.Name}.{member.Name} has no [CrfChoice] labels.");
            choices.Add(new ChoiceDefinition(member.Name, choice.LabelZh, choice.LabelEn));
        }

        return choices;
    }
}
