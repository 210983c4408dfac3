using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using StudyEdc.Reports.Odm;
using StudyEdc.Reports.Tables;

namespace StudyEdc.Reports.Tests.Odm;

public sealed class OdmWriterTests
{
    private static readonly XNamespace Odm = OdmWriter.Namespace;
    private static readonly OdmFileInfo File = new("EXPORT-42", new DateTimeOffset(2025, 3, 14, 10, 30, 0, TimeSpan.FromHours(8)), "1.0.0");

    [Fact]
    public void Root_carries_snapshot_attributes()
    {
        var root = Write(ExportScope.Full).Root!;

        Assert.Equal("Snapshot", (string?)root.Attribute("FileType"));
        Assert.Equal("EXPORT-42", (string?)root.Attribute("FileOID"));
        Assert.Equal("1.3.2", (string?)root.Attribute("ODMVersion"));
        Assert.Equal("2025-03-14T02:30:00Z", (string?)root.Attribute("CreationDateTime"));
    }

    [Fact]
    public void Metadata_counts_match_the_model()
    {
        var document = Write(ExportScope.Full);

        Assert.Single(document.Descendants(Odm + "StudyEventDef"));
        Assert.Equal(2, document.Descendants(Odm + "FormDef").Count());
        Assert.Equal(2, document.Descendants(Odm + "ItemGroupDef").Count());
        Assert.Equal(8, document.Descendants(Odm + "ItemDef").Count());
        Assert.Equal(2, document.Descendants(Odm + "CodeList").Count());
        Assert.Equal(2, document.Descendants(Odm + "MeasurementUnit").Count());
    }

    [Fact]
    public void Clinical_data_counts_match_the_rows()
    {
        var document = Write(ExportScope.Full);

        Assert.Equal(3, document.Descendants(Odm + "SubjectData").Count());
        Assert.Equal(6, document.Descendants(Odm + "ItemGroupData").Count());
        var repeatKeys = document.Descendants(Odm + "SubjectData").Single(subject => (string?)subject.Attribute("SubjectKey") == "BJ-0001")
            .Descendants(Odm + "ItemGroupData").Select(group => (string?)group.Attribute("ItemGroupRepeatKey")).ToList();
        Assert.Equal([null, "1", "2"], repeatKeys);
    }

    [Fact]
    public void Item_defs_have_chinese_and_english_text()
    {
        var question = Write(ExportScope.Full).Descendants(Odm + "ItemDef")
            .Single(item => (string?)item.Attribute("OID") == "I.demographics.age").Element(Odm + "Question")!;

        var texts = question.Elements(Odm + "TranslatedText").ToDictionary(text => (string)text.Attribute(XNamespace.Xml + "lang")!, text => text.Value);
        Assert.Equal("年龄", texts["zh-CN"]);
        Assert.Equal("Age", texts["en"]);
    }

    [Fact]
    public void Values_are_written_in_iso_form()
    {
        var items = Write(ExportScope.Full).Descendants(Odm + "ItemData").ToList();

        Assert.Contains(items, item => (string?)item.Attribute("ItemOID") == "I.lesions.scanned_at" && (string?)item.Attribute("Value") == "2024-03-01T00:30:00Z");
        Assert.Contains(items, item => (string?)item.Attribute("ItemOID") == "I.demographics.visit_date" && (string?)item.Attribute("Value") == "2024-03-01");
    }

    [Fact]
    public void Document_validates_against_schema_subset()
    {
        using var stream = new MemoryStream();
        OdmWriter.Write(SampleDatasets.Build(), ExportScope.Full, File, stream, TestContext.Current.CancellationToken);
        stream.Position = 0;
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, DtdProcessing = DtdProcessing.Prohibit };
        settings.Schemas.XmlResolver = new XmlUrlResolver();
        settings.Schemas.Add(OdmWriter.Namespace, Path.Combine(AppContext.BaseDirectory, "Odm", "odm-1.3.2-subset.xsd"));
        settings.ValidationEventHandler += (_, args) => errors.Add($"{args.Severity}: {args.Message}");

        using (var reader = XmlReader.Create(stream, settings))
        {
            while (reader.Read())
            {
            }
        }

        Assert.Empty(errors);
    }

    [Fact]
    public void Deidentified_document_has_no_identifying_item()
    {
        var document = Write(ExportScope.Deidentified);

        Assert.DoesNotContain(document.Descendants(Odm + "ItemDef"), item => ((string?)item.Attribute("Name")) == "patient_name");
        Assert.DoesNotContain("张三", document.ToString());
    }

    [Fact]
    public void Non_repeating_form_with_two_rows_for_a_subject_is_rejected()
    {
        var dataset = SampleDatasets.Build();
        var demographics = dataset.Tables[0] with { Rows = [.. dataset.Tables[0].Rows, ["BJ-0001", "张三", 1, 55, null, null]] };
        dataset = dataset with { Tables = [demographics, dataset.Tables[1]] };
        using var stream = new MemoryStream();

        var error = Assert.Throws<InvalidExportModelException>(() => OdmWriter.Write(dataset, ExportScope.Full, File, stream, TestContext.Current.CancellationToken));

        Assert.Contains("subject 'BJ-0001'", error.Message);
    }

    private static XDocument Write(ExportScope scope)
    {
        using var stream = new MemoryStream();
        OdmWriter.Write(SampleDatasets.Build(), scope, File, stream, TestContext.Current.CancellationToken);
        stream.Position = 0;
        return XDocument.Load(stream);
    }
}
