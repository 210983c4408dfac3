using System.Globalization;
using Microsoft.Extensions.Localization;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Resources;
using StudyEdc.Core.Sites;
using StudyEdc.Web.Resources;

namespace StudyEdc.Web.Components.Participants;

/// <summary>
/// Display text of the stored values of casebook audit entries in the reader's language: choice codes as their
/// labels, true and false as Yes and No, a site id as the site code and ineligibility reason codes as their text.
/// The entries themselves keep the stored, culture-invariant values.
/// </summary>
internal sealed class AuditValueText(IStringLocalizer<SharedResource> shared, IReadOnlyList<SiteSummary> sites)
{
    private const string SiteIdField = nameof(Participant.SiteId);
    private const string StatusField = nameof(Participant.Status);

    /// <summary>Returns the label of the entry's field, or the field name when no form declares it.</summary>
    public static string FieldLabel(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);

        return entry.Field is null ? "" : FieldLabel(entry.EntityType, entry.Field);
    }

    /// <summary>Returns the label of a field of an audited casebook record, or the field name when no form declares it.</summary>
    public static string FieldLabel(string entityType, string field)
    {
        if (entityType == AuditEntityTypes.Participant || field is SiteIdField or StatusField)
        {
            return CoreMessages.FieldLabel(field);
        }

        return FormOf(entityType)?.Find(field)?.Label(CultureInfo.CurrentUICulture) ?? field;
    }

    /// <summary>Returns the CRF that declares the fields of an audited casebook entity type, or null for other types.</summary>
    public static FormDefinition? FormOf(string entityType) => CrfForms.Find(entityType switch
    {
        AuditEntityTypes.Participant => CrfForms.ParticipantKey,
        CasebookAuditEntityTypes.Clinical => CrfForms.ClinicalKey,
        CasebookAuditEntityTypes.Lesion => CrfForms.LesionKey,
        CasebookAuditEntityTypes.Exclusion => CrfForms.ExclusionKey,
        CasebookAuditEntityTypes.AdjudicationRead => CrfForms.ReaderReadKey,
        CasebookAuditEntityTypes.AdjudicationCase => CrfForms.ConsensusKey,
        _ => null,
    });

    /// <summary>Returns <paramref name="stored"/> as the reader should see it; null stays empty.</summary>
    public string Value(AuditEntry entry, string? stored)
    {
        ArgumentNullException.ThrowIfNull(entry);

        if (stored is null || entry.Field is null)
        {
            return stored ?? "";
        }

        return entry.Field switch
        {
            SiteIdField => sites.FirstOrDefault(site => site.Id.ToString(CultureInfo.InvariantCulture) == stored)?.Code ?? stored,
            StatusField when Enum.TryParse<FormStatus>(stored, out var status) => CoreMessages.StatusName(status),
            nameof(Participant.IneligibilityReasons) => string.Join("; ", stored.Split(',').Select(CoreMessages.IneligibilityReasonText)),
            nameof(Participant.Eligibility) => shared[$"Eligibility.{stored}"],
            _ => DeclaredValue(entry, stored),
        };
    }

    private string DeclaredValue(AuditEntry entry, string stored)
    {
        var field = FieldOf(entry);
        return field?.DataType switch
        {
            FieldDataType.YesNo => stored switch
            {
                "true" => shared["Answer.Yes"],
                "false" => shared["Answer.No"],
                _ => stored,
            },
            FieldDataType.Choice => field.ChoiceLabel(stored, CultureInfo.CurrentUICulture),
            _ => stored,
        };
    }

    private static FieldDefinition? FieldOf(AuditEntry entry) => FormOf(entry.EntityType)?.Find(entry.Field!);
}
