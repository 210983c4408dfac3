using StudyEdc.Core.Forms;
using StudyEdc.Core.Participants;
using StudyEdc.Reports.Tables;

namespace StudyEdc.Core.Exports;

/// <summary>
/// The columns of a form in a de-identified (DSMC) export. Starting from the field declarations:
/// <list type="bullet">
/// <item>the CT exam date becomes its year (<c>CtExamYear</c>);</item>
/// <item>every other date that identifies a person becomes the number of days from the participant's CT exam
/// (<c>SpecimenDateDay</c> = specimen date − CT exam date), so intervals survive and calendar dates do not;</item>
/// <item>other identifying fields, free text (text fields typed by users with room for 200 characters or more,
/// which may hold names) and DICOM UIDs (which link back to the hospital's PACS) are left out.</item>
/// </list>
/// The Study ID is replaced by a pseudonym (<see cref="SubjectPseudonyms"/>) outside this class.
/// </summary>
internal static class DeidentifiedColumns
{
    /// <summary>Text fields that allow this many characters or more are treated as free text.</summary>
    public const int FreeTextMinimumLength = 200;

    public const string DaySuffix = "Day";

    public static List<FieldColumn> For(FormDefinition form)
    {
        var columns = new List<FieldColumn>();
        foreach (var field in form.Fields)
        {
            if (field.Name == nameof(Participant.StudyId) || IsFreeText(field) || IsDicomUid(field))
            {
                continue;
            }

            if (!field.IdentifiesPerson)
            {
                columns.Add(new FieldColumn(ExportDatasetBuilder.ColumnFor(field), (record, _) => ExportDatasetBuilder.CellOf(field, record)));
            }
            else if (field.Name == nameof(Participant.CtExamDate))
            {
                columns.Add(new FieldColumn(YearColumn(field), (record, _) => (field.Property.GetValue(record) as DateOnly?)?.Year));
            }
            else if (field.DataType == FieldDataType.Date)
            {
                columns.Add(new FieldColumn(DayColumn(field), (record, subject) => DaysFromCtExam(field.Property.GetValue(record) as DateOnly?, subject)));
            }
        }

        return columns;
    }

    public static bool IsFreeText(FieldDefinition field) =>
        field.DataType == FieldDataType.Text && !field.Derived && (field.MaxLength is null || field.MaxLength >= FreeTextMinimumLength);

    public static bool IsDicomUid(FieldDefinition field) => field.Name.EndsWith("Uid", StringComparison.Ordinal);

    private static int? DaysFromCtExam(DateOnly? date, ExportSubject subject) =>
        date is { } value && subject.CtExamDate is { } ctExam ? value.DayNumber - ctExam.DayNumber : null;

    private static ExportColumn YearColumn(FieldDefinition field) => new()
    {
        Name = "CtExamYear",
        LabelZh = field.LabelZh + "（年份）",
        LabelEn = field.LabelEn + " (year)",
        Type = ExportValueType.Integer,
    };

    private static ExportColumn DayColumn(FieldDefinition field) => new()
    {
        Name = field.Name + DaySuffix,
        LabelZh = field.LabelZh + "（距 CT 检查天数）",
        LabelEn = field.LabelEn + " (days from CT exam)",
        Unit = "days",
        Type = ExportValueType.Integer,
    };
}
