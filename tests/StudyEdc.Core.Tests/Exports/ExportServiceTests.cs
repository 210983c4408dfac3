using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Exclusions;
using StudyEdc.Core.Exports;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Tests.Forms;
using StudyEdc.Reports.Odm;
using StudyEdc.Reports.Tests;

namespace StudyEdc.Core.Tests.Exports;

public sealed class ExportServiceTests : CasebookTestBase
{
    private const string ChineseContrastAgent = "碘海醇注射液 350 mgI/mL";
    private const string IdentifyingFreeText = "患者张三（住院号 A1234567）撤回知情同意";

    private static readonly XNamespace Odm = OdmWriter.Namespace;

    [Fact]
    public async Task Csv_bundle_row_counts_equal_database()
    {
        await SeedStudyAsync();
        var pi = await CallerAsync(StudyRoles.PrincipalInvestigator);

        var (result, bytes) = await ExportAsync(pi, ExportFormat.CsvBundle, deidentified: false);

        Assert.True(result.Succeeded);
        var files = ExportFiles.ReadZip(bytes);
        var db = Database.NewContext();
        Assert.Equal(await db.Participants.CountAsync(Cancel), DataRows(files["Participant.csv"]));
        Assert.Equal(await db.Set<ClinicalCrf>().CountAsync(Cancel), DataRows(files["Clinical.csv"]));
        Assert.Equal(await db.Set<Lesion>().CountAsync(Cancel), DataRows(files["Lesion.csv"]));
        Assert.Equal(await db.Set<Exclusion>().CountAsync(Cancel), DataRows(files["Exclusion.csv"]));
        Assert.Contains("data_dictionary.csv", files.Keys);
        Assert.Contains("load_data.R", files.Keys);
        Assert.Contains("load_data.sps", files.Keys);
        Assert.Contains("load_data.do", files.Keys);
    }

    [Fact]
    public async Task Csv_bundle_keeps_Chinese_text_with_bom()
    {
        await SeedStudyAsync();
        var pi = await CallerAsync(StudyRoles.PrincipalInvestigator);

        var (_, bytes) = await ExportAsync(pi, ExportFormat.CsvBundle, deidentified: false);

        var raw = ExportFiles.ReadZipEntryBytes(bytes, "Clinical.csv");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, raw[..3]);
        var clinical = CsvTestReader.Parse(ExportFiles.ReadZip(bytes)["Clinical.csv"]);
        Assert.All(ExportFiles.Column(clinical, "ContrastAgent"), value => Assert.Equal(ChineseContrastAgent, value));
        var exclusions = CsvTestReader.Parse(ExportFiles.ReadZip(bytes)["Exclusion.csv"]);
        Assert.Equal([IdentifyingFreeText], ExportFiles.Column(exclusions, "Details"));
    }

    [Fact]
    public async Task Deidentified_csv_contains_no_identifying_values()
    {
        var identifying = await SeedStudyAsync();
        var dsmc = await CallerAsync(StudyRoles.DsmcMember);

        var (result, bytes) = await ExportAsync(dsmc, ExportFormat.CsvBundle, deidentified: true);

        Assert.True(result.Succeeded);
        foreach (var (name, text) in ExportFiles.ReadZip(bytes))
        {
            foreach (var value in identifying)
            {
                Assert.False(text.Contains(value, StringComparison.Ordinal), $"{name} contains the identifying value '{value}'.");
            }
        }
    }

    [Fact]
    public async Task Deidentified_odm_contains_no_identifying_values()
    {
        var identifying = await SeedStudyAsync();
        var dsmc = await CallerAsync(StudyRoles.DsmcMember);

        var (result, bytes) = await ExportAsync(dsmc, ExportFormat.Odm, deidentified: true);

        Assert.True(result.Succeeded);
        var xml = Encoding.UTF8.GetString(bytes);
        foreach (var value in identifying)
        {
            Assert.False(xml.Contains(value, StringComparison.Ordinal), $"The ODM file contains the identifying value '{value}'.");
        }
    }

    [Fact]
    public async Task Deidentified_dates_become_days_from_ct_exam()
    {
        await SeedStudyAsync();
        var dsmc = await CallerAsync(StudyRoles.DsmcMember);

        var (_, bytes) = await ExportAsync(dsmc, ExportFormat.CsvBundle, deidentified: true);

        var files = ExportFiles.ReadZip(bytes);
        var lesions = CsvTestReader.Parse(files["Lesion.csv"]);
        Assert.Contains("7", ExportFiles.Column(lesions, "SpecimenDateDay"));
        var participants = CsvTestReader.Parse(files["Participant.csv"]);
        Assert.All(ExportFiles.Column(participants, "CtExamYear"), year => Assert.Equal("2024", year));
        Assert.All(ExportFiles.Column(participants, "SubjectId"), id => Assert.Matches("^P-[0-9A-F]{12}$", id));
    }

    [Fact]
    public async Task Export_audit_entry_carries_scope_and_counts()
    {
        await SeedStudyAsync();
        var pi = await CallerAsync(StudyRoles.PrincipalInvestigator);

        var (result, _) = await ExportAsync(pi, ExportFormat.CsvBundle, deidentified: false);

        var entry = await Database.NewContext().AuditEntries.Where(a => a.Action == AuditAction.Export).SingleAsync(Cancel);
        Assert.Equal(pi.UserName, entry.UserName);
        Assert.Equal(AuditEntityTypes.Export, entry.EntityType);
        Assert.Equal("CsvBundle.Full", entry.EntityId);
        var detail = JsonSerializer.Deserialize<ExportAuditDetail>(entry.NewValue!)!;
        Assert.False(detail.Deidentified);
        Assert.True(detail.AllSites);
        Assert.Equal(result.Value!.SiteCodes, detail.Sites);
        var participants = await Database.NewContext().Participants.CountAsync(Cancel);
        Assert.Equal(participants, detail.Files.Single(file => file.Name == "Participant.csv").Rows);
        Assert.True((await Get<IAuditTrail>().VerifyChainAsync(Cancel)).IsIntact);
    }

    [Fact]
    public async Task Coordinator_is_refused_and_not_audited()
    {
        await SeedStudyAsync();
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");

        var (result, bytes) = await ExportAsync(coordinator, ExportFormat.CsvBundle, deidentified: true);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
        Assert.Equal("RoleCannotExport", Assert.Single(result.Errors).Code);
        Assert.Empty(bytes);
        Assert.False(await Database.NewContext().AuditEntries.AnyAsync(a => a.Action == AuditAction.Export, Cancel));
    }

    [Fact]
    public async Task Radiologist_is_refused()
    {
        var radiologist = await CallerAsync(StudyRoles.Radiologist, "WCH");

        var (result, _) = await ExportAsync(radiologist, ExportFormat.Odm, deidentified: true);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
    }

    [Fact]
    public async Task Dsmc_member_is_refused_identified_data()
    {
        var dsmc = await CallerAsync(StudyRoles.DsmcMember);

        var (result, _) = await ExportAsync(dsmc, ExportFormat.CsvBundle, deidentified: false);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
        Assert.Equal("DeidentifiedOnly", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Dsmc_member_is_refused_audit_trail()
    {
        var dsmc = await CallerAsync(StudyRoles.DsmcMember);

        var (result, _) = await ExportAsync(dsmc, ExportFormat.AuditTrail, deidentified: true);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
        Assert.Equal("FormatNotAllowed", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Site_monitor_exports_only_its_site()
    {
        await SeedStudyAsync();
        var monitor = await CallerAsync(StudyRoles.Monitor, "HPH");

        var (result, bytes) = await ExportAsync(monitor, ExportFormat.CsvBundle, deidentified: false);

        Assert.Equal(["HPH"], result.Value!.SiteCodes);
        var participants = CsvTestReader.Parse(ExportFiles.ReadZip(bytes)["Participant.csv"]);
        Assert.Equal(["HPH-0001"], ExportFiles.Column(participants, "SubjectId"));
    }

    [Fact]
    public async Task Site_outside_scope_is_invalid()
    {
        var monitor = await CallerAsync(StudyRoles.Monitor, "HPH");

        var (result, _) = await ExportAsync(monitor, ExportFormat.CsvBundle, deidentified: false, "WCH");

        Assert.Equal(ServiceFailure.Invalid, result.Failure);
        Assert.Equal("SiteNotInScope", Assert.Single(result.Errors).Code);
        Assert.Contains("WCH", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Odm_is_structurally_consistent()
    {
        await SeedStudyAsync();
        var pi = await CallerAsync(StudyRoles.PrincipalInvestigator);

        var (_, bytes) = await ExportAsync(pi, ExportFormat.Odm, deidentified: false);

        var odm = XDocument.Load(new MemoryStream(bytes)).Root!;
        Assert.Equal(Odm + "ODM", odm.Name);
        Assert.Equal("1.3.2", (string?)odm.Attribute("ODMVersion"));
        Assert.Equal("Snapshot", (string?)odm.Attribute("FileType"));
        Assert.False(string.IsNullOrEmpty((string?)odm.Attribute("FileOID")));
        Assert.False(string.IsNullOrEmpty((string?)odm.Attribute("CreationDateTime")));
        var study = Assert.Single(odm.Elements(Odm + "Study"));
        var clinical = Assert.Single(odm.Elements(Odm + "ClinicalData"));
        Assert.Equal((string?)study.Attribute("OID"), (string?)clinical.Attribute("StudyOID"));
        var metadata = Assert.Single(study.Elements(Odm + "MetaDataVersion"));
        Assert.Equal((string?)metadata.Attribute("OID"), (string?)clinical.Attribute("MetaDataVersionOID"));
        AssertReferencesDefined(metadata, odm, "FormDef", "FormOID");
        AssertReferencesDefined(metadata, odm, "ItemGroupDef", "ItemGroupOID");
        AssertReferencesDefined(metadata, odm, "ItemDef", "ItemOID");
        AssertReferencesDefined(metadata, odm, "StudyEventDef", "StudyEventOID");
        AssertReferencesDefined(metadata, odm, "CodeList", "CodeListOID");
        var participants = await Database.NewContext().Participants.CountAsync(Cancel);
        Assert.Equal(participants, clinical.Elements(Odm + "SubjectData").Count());
    }

    [Fact]
    public async Task Audit_trail_csv_has_every_entry()
    {
        await SeedStudyAsync();
        var pi = await CallerAsync(StudyRoles.PrincipalInvestigator);
        var entries = await Database.NewContext().AuditEntries.CountAsync(Cancel);

        var (result, bytes) = await ExportAsync(pi, ExportFormat.AuditTrail, deidentified: false);

        Assert.Equal("text/csv; charset=utf-8", result.Value!.ContentType);
        var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true).ReadToEnd();
        Assert.Equal(entries, DataRows(text));
        Assert.Equal(entries, Assert.Single(result.Value.Manifest.Parts).RowCount);
    }

    [Fact]
    public async Task Audit_trail_is_never_audited_as_deidentified()
    {
        var pi = await CallerAsync(StudyRoles.PrincipalInvestigator);

        await ExportAsync(pi, ExportFormat.AuditTrail, deidentified: true);

        var entry = await Database.NewContext().AuditEntries.Where(a => a.Action == AuditAction.Export).SingleAsync(Cancel);
        Assert.Equal("AuditTrail", entry.EntityId);
        Assert.False(JsonSerializer.Deserialize<ExportAuditDetail>(entry.NewValue!)!.Deidentified);
    }

    [Fact]
    public async Task Site_monitor_audit_trail_has_only_its_site()
    {
        await SeedStudyAsync();
        var monitor = await CallerAsync(StudyRoles.Monitor, "HPH");
        var hph = await Database.SiteIdAsync("HPH");
        var expected = await Database.NewContext().AuditEntries.CountAsync(a => a.SiteId == hph, Cancel);

        var (_, bytes) = await ExportAsync(monitor, ExportFormat.AuditTrail, deidentified: false);

        var rows = CsvTestReader.Parse(new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true).ReadToEnd());
        var siteIds = ExportFiles.Column(rows, "site_id");
        Assert.NotEmpty(siteIds);
        Assert.Equal(expected, siteIds.Count);
        Assert.All(siteIds, siteId => Assert.Equal(hph.ToString(System.Globalization.CultureInfo.InvariantCulture), siteId));
    }

    [Fact]
    public async Task File_name_names_format_scope_and_date()
    {
        var dsmc = await CallerAsync(StudyRoles.DsmcMember);

        var (result, _) = await ExportAsync(dsmc, ExportFormat.Odm, deidentified: true);

        Assert.Matches(@"^studyedc_odm_deidentified_all-sites_\d{4}-\d{2}-\d{2}\.xml$", result.Value!.FileName);
    }

    [Fact]
    public void Configured_pseudonym_key_gives_stable_pseudonyms()
    {
        var key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

        var first = SubjectPseudonyms.Create(key).For("WCH-0001");
        var second = SubjectPseudonyms.Create(key).For("WCH-0001");

        Assert.Equal(first, second);
        Assert.NotEqual(first, SubjectPseudonyms.Create(key).For("WCH-0002"));
    }

    [Fact]
    public void Short_pseudonym_key_is_rejected_with_fix()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => SubjectPseudonyms.Create(Convert.ToBase64String(new byte[8])));

        Assert.Contains("openssl rand -base64 32", exception.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Seeds two WCH participants (one with a clinical CRF in Chinese, two lesions and an exclusion with identifying
    /// free text) and one HPH participant, and returns the identifying values a de-identified export must not contain.
    /// </summary>
    private async Task<string[]> SeedStudyAsync()
    {
        var wch = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var hph = await CallerAsync(StudyRoles.SiteCoordinator, "HPH");
        var first = await EnrolAsync(wch);
        await EnrolAsync(wch);
        await EnrolAsync(hph);

        var clinical = await Get<IClinicalCrfService>().SaveAsync(wch, first.Id, ClinicalInput() with { ContrastAgent = ChineseContrastAgent }, null, null, Cancel);
        Assert.True(clinical.Succeeded, string.Join("; ", clinical.Errors.Select(e => e.Message)));
        await CreateLesionAsync(wch, first.Id, MalignantLesion(1));
        await CreateLesionAsync(wch, first.Id, BenignFollowUpLesion(2));
        var exclusion = await Get<IExclusionService>().RecordAsync(
            wch, first.Id, new ExclusionInput(ExclusionCriterion.ConsentWithdrawn, IdentifyingFreeText, CtDate.AddDays(3)), Cancel);
        Assert.True(exclusion.Succeeded, string.Join("; ", exclusion.Errors.Select(e => e.Message)));

        return
        [
            "WCH-0001", "WCH-0002", "HPH-0001", "2024-03-18", "2024-03-21", "2024-03-25", "2024-10-18", "张三", "A1234567",
            MalignantLesion().SeriesInstanceUid!,
        ];
    }

    private async Task<(ServiceResult<ExportResult> Result, byte[] Bytes)> ExportAsync(
        StudyCaller caller, ExportFormat format, bool deidentified, params string[] siteCodes)
    {
        using var output = new MemoryStream();
        var result = await Get<IExportService>().WriteAsync(caller, new ExportRequest(format, deidentified, siteCodes), output, Cancel);
        return (result, output.ToArray());
    }

    private static int DataRows(string csv) => CsvTestReader.Parse(csv).Count - 1;

    /// <summary>Asserts that every <paramref name="referenceAttribute"/> in the file names a defined <paramref name="definition"/>.</summary>
    private static void AssertReferencesDefined(XElement metadata, XElement odm, string definition, string referenceAttribute)
    {
        var defined = metadata.Elements(Odm + definition).Select(element => (string?)element.Attribute("OID")).ToHashSet();
        var references = odm.Descendants().Select(element => (string?)element.Attribute(referenceAttribute)).OfType<string>().ToList();
        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.Contains(reference, defined));
    }
}
