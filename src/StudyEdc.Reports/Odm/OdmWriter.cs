using System.Globalization;
using System.Text;
using System.Xml;
using StudyEdc.Reports.Tables;

namespace StudyEdc.Reports.Odm;

/// <summary>
/// Writes CDISC ODM 1.3.2 XML (FileType Snapshot) with the study's metadata and clinical data: one StudyEventDef
/// per event, one FormDef and one ItemGroupDef per table, one ItemDef per column except the subject key (which is
/// the SubjectData's SubjectKey), and one CodeList per coded column. Labels go into TranslatedText in zh-CN and en.
/// Missing values are omitted, as ODM snapshots do. No AuditRecord is written: the audit trail is its own export.
/// </summary>
public static class OdmWriter
{
    public const string Namespace = "http://www.cdisc.org/ns/odm/v1.3";
    public const string MetaDataVersionOid = "MDV.1";

    private static readonly ReportLanguage[] Languages = [ReportLanguage.ZhCn, ReportLanguage.En];

    /// <summary>
    /// Writes the dataset, reduced to <paramref name="scope"/>, to <paramref name="output"/> (left open). Writing is
    /// synchronous, so pass a file or memory stream rather than an HTTP response body, and call it off the UI thread.
    /// </summary>
    /// <returns>Each form's OID with the number of item group records written.</returns>
    /// <exception cref="InvalidExportModelException">The model is invalid, or a non-repeating form has two rows for a subject.</exception>
    public static ExportManifest Write(
        ExportDataset dataset, ExportScope scope, OdmFileInfo file, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(file);
        dataset.Validate();
        var scoped = dataset.ForScope(scope);
        var units = UnitOids(scoped);

        var settings = new XmlWriterSettings
        {
            Indent = true,
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            CloseOutput = false,
        };
        using (var writer = XmlWriter.Create(output, settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("ODM", Namespace);
            writer.WriteAttributeString("FileType", "Snapshot");
            writer.WriteAttributeString("FileOID", file.FileOid);
            writer.WriteAttributeString("CreationDateTime", file.CreationDateTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteAttributeString("ODMVersion", "1.3.2");
            writer.WriteAttributeString("Granularity", "All");
            writer.WriteAttributeString("Originator", "StudyEdc");
            writer.WriteAttributeString("SourceSystem", "StudyEdc");
            writer.WriteAttributeString("SourceSystemVersion", file.SourceSystemVersion);

            WriteStudy(writer, scoped, units);
            var parts = WriteClinicalData(writer, scoped, cancellationToken);

            writer.WriteEndElement();
            writer.WriteEndDocument();
            return new ExportManifest(scope, parts);
        }
    }

    public static string FormOid(ExportTable table) => "F." + table.Name;

    public static string ItemGroupOid(ExportTable table) => "IG." + table.Name;

    public static string ItemOid(ExportTable table, ExportColumn column) => $"I.{table.Name}.{column.Name}";

    public static string CodeListOid(ExportTable table, ExportColumn column) => $"CL.{table.Name}.{column.Name}";

    private static void WriteStudy(XmlWriter writer, ExportDataset dataset, Dictionary<string, string> units)
    {
        writer.WriteStartElement("Study");
        writer.WriteAttributeString("OID", dataset.StudyOid);

        writer.WriteStartElement("GlobalVariables");
        writer.WriteElementString("StudyName", dataset.StudyNameEn);
        writer.WriteElementString("StudyDescription", dataset.StudyNameZh);
        writer.WriteElementString("ProtocolName", dataset.ProtocolName);
        writer.WriteEndElement();

        if (units.Count > 0)
        {
            writer.WriteStartElement("BasicDefinitions");
            foreach (var (unit, oid) in units)
            {
                writer.WriteStartElement("MeasurementUnit");
                writer.WriteAttributeString("OID", oid);
                writer.WriteAttributeString("Name", unit);
                writer.WriteStartElement("Symbol");
                WriteTranslatedText(writer, unit, unit);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        writer.WriteStartElement("MetaDataVersion");
        writer.WriteAttributeString("OID", MetaDataVersionOid);
        writer.WriteAttributeString("Name", dataset.ProtocolName);
        WriteProtocol(writer, dataset);
        WriteStudyEventDefs(writer, dataset);
        WriteFormAndGroupDefs(writer, dataset);
        WriteItemDefs(writer, dataset, units);
        WriteCodeLists(writer, dataset);
        writer.WriteEndElement();

        writer.WriteEndElement();
    }

    private static void WriteProtocol(XmlWriter writer, ExportDataset dataset)
    {
        writer.WriteStartElement("Protocol");
        for (var index = 0; index < dataset.Events.Count; index++)
        {
            writer.WriteStartElement("StudyEventRef");
            writer.WriteAttributeString("StudyEventOID", dataset.Events[index].Oid);
            writer.WriteAttributeString("OrderNumber", (index + 1).ToString(CultureInfo.InvariantCulture));
            writer.WriteAttributeString("Mandatory", "No");
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static void WriteStudyEventDefs(XmlWriter writer, ExportDataset dataset)
    {
        foreach (var studyEvent in dataset.Events)
        {
            writer.WriteStartElement("StudyEventDef");
            writer.WriteAttributeString("OID", studyEvent.Oid);
            writer.WriteAttributeString("Name", studyEvent.LabelEn);
            writer.WriteAttributeString("Repeating", "No");
            writer.WriteAttributeString("Type", "Scheduled");
            WriteDescription(writer, studyEvent.LabelZh, studyEvent.LabelEn);
            foreach (var table in dataset.Tables.Where(table => table.EventOid == studyEvent.Oid))
            {
                writer.WriteStartElement("FormRef");
                writer.WriteAttributeString("FormOID", FormOid(table));
                writer.WriteAttributeString("Mandatory", "No");
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }
    }

    private static void WriteFormAndGroupDefs(XmlWriter writer, ExportDataset dataset)
    {
        foreach (var table in dataset.Tables)
        {
            writer.WriteStartElement("FormDef");
            writer.WriteAttributeString("OID", FormOid(table));
            writer.WriteAttributeString("Name", table.Name);
            writer.WriteAttributeString("Repeating", "No");
            WriteDescription(writer, table.LabelZh, table.LabelEn);
            writer.WriteStartElement("ItemGroupRef");
            writer.WriteAttributeString("ItemGroupOID", ItemGroupOid(table));
            writer.WriteAttributeString("Mandatory", "Yes");
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        foreach (var table in dataset.Tables)
        {
            writer.WriteStartElement("ItemGroupDef");
            writer.WriteAttributeString("OID", ItemGroupOid(table));
            writer.WriteAttributeString("Name", table.Name);
            writer.WriteAttributeString("Repeating", table.IsRepeating ? "Yes" : "No");
            WriteDescription(writer, table.LabelZh, table.LabelEn);
            var order = 1;
            foreach (var column in ItemColumns(table))
            {
                writer.WriteStartElement("ItemRef");
                writer.WriteAttributeString("ItemOID", ItemOid(table, column));
                writer.WriteAttributeString("OrderNumber", order++.ToString(CultureInfo.InvariantCulture));
                writer.WriteAttributeString("Mandatory", "No");
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }
    }

    private static void WriteItemDefs(XmlWriter writer, ExportDataset dataset, Dictionary<string, string> units)
    {
        foreach (var table in dataset.Tables)
        {
            for (var index = 0; index < table.Columns.Count; index++)
            {
                var column = table.Columns[index];
                if (column.Name == table.SubjectKeyColumn)
                {
                    continue;
                }

                writer.WriteStartElement("ItemDef");
                writer.WriteAttributeString("OID", ItemOid(table, column));
                writer.WriteAttributeString("Name", column.Name);
                writer.WriteAttributeString("DataType", OdmDataType(column.Type));
                if (OdmLength(table, index) is { } length)
                {
                    writer.WriteAttributeString("Length", length.ToString(CultureInfo.InvariantCulture));
                }

                if (column.Type == ExportValueType.Decimal && column.Decimals is { } decimals)
                {
                    writer.WriteAttributeString("SignificantDigits", decimals.ToString(CultureInfo.InvariantCulture));
                }

                writer.WriteStartElement("Question");
                WriteTranslatedText(writer, column.LabelZh, column.LabelEn);
                writer.WriteEndElement();

                if (column.Unit is { } unit)
                {
                    writer.WriteStartElement("MeasurementUnitRef");
                    writer.WriteAttributeString("MeasurementUnitOID", units[unit]);
                    writer.WriteEndElement();
                }

                if (column.AllowedValues.Count > 0)
                {
                    writer.WriteStartElement("CodeListRef");
                    writer.WriteAttributeString("CodeListOID", CodeListOid(table, column));
                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
            }
        }
    }

    private static void WriteCodeLists(XmlWriter writer, ExportDataset dataset)
    {
        foreach (var table in dataset.Tables)
        {
            foreach (var column in ItemColumns(table).Where(column => column.AllowedValues.Count > 0))
            {
                writer.WriteStartElement("CodeList");
                writer.WriteAttributeString("OID", CodeListOid(table, column));
                writer.WriteAttributeString("Name", column.Name);
                writer.WriteAttributeString("DataType", column.Type switch
                {
                    ExportValueType.Integer or ExportValueType.Boolean => "integer",
                    ExportValueType.Decimal => "float",
                    _ => "text",
                });
                foreach (var value in column.AllowedValues)
                {
                    writer.WriteStartElement("CodeListItem");
                    writer.WriteAttributeString("CodedValue", value.Code);
                    writer.WriteStartElement("Decode");
                    WriteTranslatedText(writer, value.LabelZh, value.LabelEn);
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
            }
        }
    }

    private static List<ExportPart> WriteClinicalData(XmlWriter writer, ExportDataset dataset, CancellationToken cancellationToken)
    {
        writer.WriteStartElement("ClinicalData");
        writer.WriteAttributeString("StudyOID", dataset.StudyOid);
        writer.WriteAttributeString("MetaDataVersionOID", MetaDataVersionOid);

        // Rows of each table grouped by subject, keeping the row order inside a subject for the repeat keys.
        var rowsBySubject = dataset.Tables.ToDictionary(
            table => table,
            table => table.Rows
                .GroupBy(row => SubjectKey(table, row), StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.ToList(), StringComparer.Ordinal));
        var subjects = rowsBySubject.Values.SelectMany(groups => groups.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

        foreach (var subject in subjects)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.WriteStartElement("SubjectData");
            writer.WriteAttributeString("SubjectKey", subject);
            foreach (var studyEvent in dataset.Events)
            {
                var forms = dataset.Tables
                    .Where(table => table.EventOid == studyEvent.Oid && rowsBySubject[table].ContainsKey(subject))
                    .ToList();
                if (forms.Count == 0)
                {
                    continue;
                }

                writer.WriteStartElement("StudyEventData");
                writer.WriteAttributeString("StudyEventOID", studyEvent.Oid);
                foreach (var table in forms)
                {
                    WriteFormData(writer, table, subject, rowsBySubject[table][subject]);
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        return [.. dataset.Tables.Select(table => new ExportPart(FormOid(table), table.Rows.Count))];
    }

    private static void WriteFormData(XmlWriter writer, ExportTable table, string subject, List<IReadOnlyList<object?>> rows)
    {
        if (!table.IsRepeating && rows.Count > 1)
        {
            throw new InvalidExportModelException(
                $"Table '{table.Name}' is not repeating but has {rows.Count} rows for subject '{subject}'. "
                + "Mark the table repeating or remove the duplicate rows.");
        }

        writer.WriteStartElement("FormData");
        writer.WriteAttributeString("FormOID", FormOid(table));
        for (var repeat = 0; repeat < rows.Count; repeat++)
        {
            writer.WriteStartElement("ItemGroupData");
            writer.WriteAttributeString("ItemGroupOID", ItemGroupOid(table));
            if (table.IsRepeating)
            {
                writer.WriteAttributeString("ItemGroupRepeatKey", (repeat + 1).ToString(CultureInfo.InvariantCulture));
            }

            for (var index = 0; index < table.Columns.Count; index++)
            {
                var column = table.Columns[index];
                if (column.Name == table.SubjectKeyColumn
                    || ExportValueFormatter.Format(column, rows[repeat][index], table.Name, repeat) is not { } value)
                {
                    continue;
                }

                writer.WriteStartElement("ItemData");
                writer.WriteAttributeString("ItemOID", ItemOid(table, column));
                writer.WriteAttributeString("Value", OdmValue(column.Type, value));
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static string SubjectKey(ExportTable table, IReadOnlyList<object?> row) =>
        Convert.ToString(row[table.SubjectKeyIndex()], CultureInfo.InvariantCulture)!;

    private static IEnumerable<ExportColumn> ItemColumns(ExportTable table) =>
        table.Columns.Where(column => column.Name != table.SubjectKeyColumn);

    // ODM datetime is ISO 8601 with a 'T'; the CSV form uses a space, which R, SPSS and Stata read more easily.
    private static string OdmValue(ExportValueType type, string value) =>
        type == ExportValueType.DateTime ? value.Replace(' ', 'T') + "Z" : value;

    private static string OdmDataType(ExportValueType type) => type switch
    {
        ExportValueType.Text => "text",
        ExportValueType.Integer => "integer",
        ExportValueType.Decimal => "float",
        ExportValueType.Date => "date",
        ExportValueType.DateTime => "datetime",
        ExportValueType.Boolean => "boolean",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown export value type."),
    };

    private static int? OdmLength(ExportTable table, int columnIndex) => table.Columns[columnIndex].Type switch
    {
        ExportValueType.Text or ExportValueType.Integer or ExportValueType.Decimal => ColumnWidths.MaxCharacters(table, columnIndex),
        _ => null,
    };

    private static Dictionary<string, string> UnitOids(ExportDataset dataset)
    {
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var unit in dataset.Tables.SelectMany(ItemColumns).Select(column => column.Unit).OfType<string>())
        {
            units.TryAdd(unit, "MU." + (units.Count + 1).ToString(CultureInfo.InvariantCulture));
        }

        return units;
    }

    private static void WriteDescription(XmlWriter writer, string textZh, string textEn)
    {
        writer.WriteStartElement("Description");
        WriteTranslatedText(writer, textZh, textEn);
        writer.WriteEndElement();
    }

    private static void WriteTranslatedText(XmlWriter writer, string textZh, string textEn)
    {
        foreach (var language in Languages)
        {
            writer.WriteStartElement("TranslatedText");
            writer.WriteAttributeString("xml", "lang", null, language.ToLanguageTag());
            writer.WriteString(language == ReportLanguage.ZhCn ? textZh : textEn);
            writer.WriteEndElement();
        }
    }
}
