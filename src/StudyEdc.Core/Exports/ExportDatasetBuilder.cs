using System.Reflection;
using Microsoft.EntityFrameworkCore;
using StudyEdc.Core.Adjudication;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Data;
using StudyEdc.Core.Exclusions;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Participants;
using StudyEdc.Reports.Tables;

namespace StudyEdc.Core.Exports;

/// <summary>
/// Builds the export model of the CRFs (<see cref="CrfForms"/>) for a set of sites: one table per form, columns
/// from the field declarations, led by the subject id and the site code. The de-identified variant is built here,
/// column by column (see <see cref="DeidentifiedColumns"/>), so identifying values never enter the model.
/// </summary>
internal sealed class ExportDatasetBuilder(StudyDbContext db, ExportOptions options)
{
    public const string EventOid = "BASELINE";
    public const string SubjectKeyColumn = "SubjectId";

    /// <summary>Reads the forms of <paramref name="siteIds"/>; <paramref name="pseudonyms"/> is null for the full export.</summary>
    public async Task<ExportDataset> BuildAsync(IReadOnlyCollection<int> siteIds, SubjectPseudonyms? pseudonyms, CancellationToken cancellationToken)
    {
        var siteCodes = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Code, cancellationToken).ConfigureAwait(false);
        var participants = await db.Participants.AsNoTracking().Where(p => siteIds.Contains(p.SiteId)).OrderBy(p => p.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var subjects = participants.ToDictionary(
            p => p.Id,
            p => new ExportSubject(pseudonyms?.For(p.StudyId) ?? p.StudyId, siteCodes[p.SiteId], p.CtExamDate));

        var clinical = await ListAsync(db.Set<ClinicalCrf>(), siteIds, cancellationToken).ConfigureAwait(false);
        var lesions = await ListAsync(db.Set<Lesion>(), siteIds, cancellationToken).ConfigureAwait(false);
        var exclusions = await ListAsync(db.Set<Exclusion>(), siteIds, cancellationToken).ConfigureAwait(false);
        var reads = await db.Set<AdjudicationRead>().AsNoTracking()
            .Where(r => siteIds.Contains(r.SiteId) && r.SubmittedAtUtc != null).OrderBy(r => r.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var cases = await db.Set<AdjudicationCase>().AsNoTracking().Where(c => siteIds.Contains(c.SiteId)).OrderBy(c => c.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var lesionNumbers = lesions.ToDictionary(l => l.Id, l => l.LesionNumber);
        var caseLesions = cases.ToDictionary(c => c.Id, c => c.LesionId);
        var readerNumbers = reads.GroupBy(r => r.CaseId)
            .SelectMany(group => group.Select((read, index) => (read.Id, Number: index + 1)))
            .ToDictionary(pair => pair.Id, pair => pair.Number);
        var deidentified = pseudonyms is not null;

        ExportTable[] tables =
        [
            Table(CrfForms.Participant, repeating: false, participants, p => p.Id, [FormStatusColumn<Participant>(p => p.Status)], subjects, deidentified),
            Table(CrfForms.Clinical, repeating: false, clinical, c => c.ParticipantId, [FormStatusColumn<ClinicalCrf>(c => c.Status)], subjects, deidentified),
            Table(CrfForms.Lesion, repeating: true, lesions, l => l.ParticipantId, [FormStatusColumn<Lesion>(l => l.Status)], subjects, deidentified),
            Table(CrfForms.Exclusion, repeating: true, exclusions, e => e.ParticipantId, [FormStatusColumn<Exclusion>(e => e.Status)], subjects, deidentified),
            Table(CrfForms.Get(CrfForms.ReaderReadKey), repeating: true, reads, r => r.ParticipantId,
            [
                LesionNumberColumn<AdjudicationRead>(r => lesionNumbers.GetValueOrDefault(caseLesions[r.CaseId])),
                new(IntegerColumn("ReaderNumber", "阅片者序号", "Reader number"), r => readerNumbers[r.Id]),
            ], subjects, deidentified),
            Table(CrfForms.Get(CrfForms.ConsensusKey), repeating: true, cases, c => c.ParticipantId,
            [
                LesionNumberColumn<AdjudicationCase>(c => lesionNumbers.GetValueOrDefault(c.LesionId)),
                new(CodedColumn("CaseStatus", "判读状态", "Adjudication status", typeof(AdjudicationStatus)), c => c.Status.ToString()),
            ], subjects, deidentified),
        ];

        return new ExportDataset
        {
            StudyOid = options.StudyOid,
            StudyNameZh = options.StudyNameZh,
            StudyNameEn = options.StudyNameEn,
            ProtocolName = options.ProtocolName,
            Events = [new ExportEvent(EventOid, "基线", "Baseline")],
            Tables = tables,
        };
    }

    private static Task<List<T>> ListAsync<T>(DbSet<T> records, IReadOnlyCollection<int> siteIds, CancellationToken cancellationToken)
        where T : CrfRecord =>
        records.AsNoTracking().Where(r => siteIds.Contains(r.SiteId)).OrderBy(r => r.Id).ToListAsync(cancellationToken);

    private static ExportTable Table<T>(
        FormDefinition form,
        bool repeating,
        IEnumerable<T> records,
        Func<T, int> participantOf,
        IReadOnlyList<ExtraColumn<T>> extras,
        Dictionary<int, ExportSubject> subjects,
        bool deidentified)
        where T : class
    {
        var fields = deidentified ? DeidentifiedColumns.For(form) : FullColumns(form);
        var subjectColumn = deidentified
            ? TextColumn(SubjectKeyColumn, "假名受试者编号", "Pseudonymous subject ID")
            : TextColumn(SubjectKeyColumn, "研究编号", "Study ID");
        ExportColumn[] columns =
        [
            subjectColumn,
            TextColumn("SiteCode", "中心代码", "Site code"),
            .. extras.Select(extra => extra.Column),
            .. fields.Select(field => field.Column),
        ];

        var rows = new List<(ExportSubject Subject, IReadOnlyList<object?> Cells)>();
        foreach (var record in records)
        {
            // A record of a participant outside the exported sites cannot occur (records carry their participant's
            // site), but the lookup guards against a broken foreign key rather than failing the whole export.
            if (!subjects.TryGetValue(participantOf(record), out var subject))
            {
                continue;
            }

            object?[] cells =
            [
                subject.Key,
                subject.SiteCode,
                .. extras.Select(extra => extra.Value(record)),
                .. fields.Select(field => field.Value(record, subject)),
            ];
            rows.Add((subject, cells));
        }

        return new ExportTable
        {
            Name = form.Key,
            LabelZh = form.LabelZh,
            LabelEn = form.LabelEn,
            EventOid = EventOid,
            SubjectKeyColumn = SubjectKeyColumn,
            IsRepeating = repeating,
            Columns = columns,
            Rows = [.. rows
                .OrderBy(row => row.Subject.SiteCode, StringComparer.Ordinal)
                .ThenBy(row => row.Subject.Key, StringComparer.Ordinal)
                .Select(row => row.Cells)],
        };
    }

    private static List<FieldColumn> FullColumns(FormDefinition form) =>
    [
        .. form.Fields
            .Where(field => field.Name != nameof(Participant.StudyId))
            .Select(field => new FieldColumn(ColumnFor(field) with { IsIdentifying = field.IdentifiesPerson }, (record, _) => CellOf(field, record))),
    ];

    /// <summary>Returns the export column of a CRF field, with its type, unit, length and allowed values.</summary>
    internal static ExportColumn ColumnFor(FieldDefinition field) => new()
    {
        Name = field.Name,
        LabelZh = field.LabelZh,
        LabelEn = field.LabelEn,
        Unit = field.Unit,
        MaxLength = field.DataType == FieldDataType.Text ? field.MaxLength : null,
        Type = field.DataType switch
        {
            FieldDataType.Text or FieldDataType.Choice => ExportValueType.Text,
            FieldDataType.WholeNumber => ExportValueType.Integer,
            FieldDataType.Number => ExportValueType.Decimal,
            FieldDataType.Date => ExportValueType.Date,
            FieldDataType.DateTime => ExportValueType.DateTime,
            FieldDataType.YesNo => ExportValueType.Boolean,
            _ => throw new InvalidOperationException($"Field {field.FormKey}.{field.Name} has data type {field.DataType}, which exports do not handle."),
        },
        AllowedValues = [.. field.Choices.Select(choice => new CodedValue(choice.Code, choice.LabelZh, choice.LabelEn))],
    };

    /// <summary>Returns the stored value of a field as an export cell: enum members by name, everything else as stored.</summary>
    internal static object? CellOf(FieldDefinition field, object record) => field.Property.GetValue(record) switch
    {
        null => null,
        Enum choice => choice.ToString(),
        var value => value,
    };

    private static ExtraColumn<T> FormStatusColumn<T>(Func<T, FormStatus> status) =>
        new(CodedColumn("FormStatus", "表单状态", "Form status", typeof(FormStatus)), record => status(record).ToString());

    private static ExtraColumn<T> LesionNumberColumn<T>(Func<T, int> lesionNumber) =>
        new(IntegerColumn("LesionNumber", "病灶编号", "Lesion number"), record => lesionNumber(record));

    private static ExportColumn TextColumn(string name, string labelZh, string labelEn) =>
        new() { Name = name, LabelZh = labelZh, LabelEn = labelEn, Type = ExportValueType.Text };

    private static ExportColumn IntegerColumn(string name, string labelZh, string labelEn) =>
        new() { Name = name, LabelZh = labelZh, LabelEn = labelEn, Type = ExportValueType.Integer };

    private static ExportColumn CodedColumn(string name, string labelZh, string labelEn, Type enumType) => new()
    {
        Name = name,
        LabelZh = labelZh,
        LabelEn = labelEn,
        Type = ExportValueType.Text,
        AllowedValues =
        [
            .. enumType.GetFields(BindingFlags.Public | BindingFlags.Static).Select(member =>
                member.GetCustomAttribute<CrfChoiceAttribute>() is { } labels
                    ? new CodedValue(member.Name, labels.LabelZh, labels.LabelEn)
                    : new CodedValue(member.Name, member.Name, member.Name)),
        ],
    };

    /// <summary>A column that is not a CRF field, such as the form status, with its value per record.</summary>
    private sealed record ExtraColumn<T>(ExportColumn Column, Func<T, object?> Value);
}

/// <summary>The exported identity of a participant: the Study ID or its pseudonym, the site and the CT exam date.</summary>
internal sealed record ExportSubject(string Key, string SiteCode, DateOnly? CtExamDate);

/// <summary>A column built from a CRF field, with the function that reads its cell from a record.</summary>
internal sealed record FieldColumn(ExportColumn Column, Func<object, ExportSubject, object?> Value);
