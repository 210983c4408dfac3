using StudyEdc.Reports.Tables;

namespace StudyEdc.Reports.Tests;

/// <summary>A small two-form export with Chinese text, quotes, line breaks, codes, units and an identifying column.</summary>
internal static class SampleDatasets
{
    public static readonly ExportColumn SubjectId = new()
    {
        Name = "subject_id", LabelZh = "受试者编号", LabelEn = "Subject number", Type = ExportValueType.Text, MaxLength = 12,
    };

    public static readonly ExportColumn PatientName = new()
    {
        Name = "patient_name", LabelZh = "患者姓名", LabelEn = "Patient name", Type = ExportValueType.Text, IsIdentifying = true,
    };

    public static readonly ExportColumn Sex = new()
    {
        Name = "sex", LabelZh = "性别", LabelEn = "Sex", Type = ExportValueType.Integer,
        AllowedValues = [new CodedValue("1", "男", "Male"), new CodedValue("2", "女", "Female")],
    };

    public static readonly ExportColumn Age = new()
    {
        Name = "age", LabelZh = "年龄", LabelEn = "Age", Type = ExportValueType.Integer, Unit = "岁",
    };

    public static readonly ExportColumn Comment = new()
    {
        Name = "comment", LabelZh = "备注（医生的\"说明\"）", LabelEn = "Comment (the doctor's \"note\")", Type = ExportValueType.Text,
    };

    public static readonly ExportColumn VisitDate = new()
    {
        Name = "visit_date", LabelZh = "访视日期", LabelEn = "Visit date", Type = ExportValueType.Date,
    };

    public static readonly ExportColumn Diameter = new()
    {
        Name = "diameter", LabelZh = "最大径", LabelEn = "Largest diameter", Type = ExportValueType.Decimal, Unit = "mm", Decimals = 1,
    };

    public static readonly ExportColumn Segment = new()
    {
        Name = "segment", LabelZh = "肝段", LabelEn = "Liver segment", Type = ExportValueType.Text,
        AllowedValues = [new CodedValue("S7", "右后上段 S7", "Segment VII"), new CodedValue("S8", "右前上段 S8", "Segment VIII")],
    };

    public static readonly ExportColumn ScannedAt = new()
    {
        Name = "scanned_at", LabelZh = "扫描时间", LabelEn = "Scan time", Type = ExportValueType.DateTime,
    };

    public static ExportDataset Build() => new()
    {
        StudyOid = "LIVER_CT_DL",
        StudyNameZh = "深度学习肝脏 CT 多中心诊断准确性研究",
        StudyNameEn = "Multicentre diagnostic accuracy of deep learning on liver CT",
        ProtocolName = "LIVER-CT-DL-2024",
        Events = [new ExportEvent("BASELINE", "基线", "Baseline")],
        Tables =
        [
            new ExportTable
            {
                Name = "demographics", LabelZh = "人口学资料", LabelEn = "Demographics", EventOid = "BASELINE",
                SubjectKeyColumn = SubjectId.Name,
                Columns = [SubjectId, PatientName, Sex, Age, Comment, VisitDate],
                Rows =
                [
                    ["BJ-0001", "张三", 1, 54, "肝硬化病史，\"乙肝\"阳性, 随访中", new DateOnly(2024, 3, 1)],
                    ["BJ-0002", "李四", 2, 61, "第一行\r\n第二行", new DateOnly(2024, 3, 2)],
                    ["SH-0001", "王五", null, null, null, null],
                ],
            },
            new ExportTable
            {
                Name = "lesions", LabelZh = "病灶", LabelEn = "Lesions", EventOid = "BASELINE",
                SubjectKeyColumn = SubjectId.Name, IsRepeating = true,
                Columns = [SubjectId, Segment, Diameter, ScannedAt],
                Rows =
                [
                    ["BJ-0001", "S7", 23.4, new DateTimeOffset(2024, 3, 1, 8, 30, 0, TimeSpan.FromHours(8))],
                    ["BJ-0001", "S8", 11.0, new DateTimeOffset(2024, 3, 1, 8, 30, 0, TimeSpan.FromHours(8))],
                    ["BJ-0002", "S8", 35.26, null],
                ],
            },
        ],
    };
}
