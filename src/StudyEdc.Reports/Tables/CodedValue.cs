namespace StudyEdc.Reports.Tables;

/// <summary>One allowed value of a coded column: the stored code and its label in both languages.</summary>
/// <param name="Code">Code as written in the export, for example "1" or "HCC".</param>
/// <param name="LabelZh">Simplified Chinese label.</param>
/// <param name="LabelEn">English label.</param>
public sealed record CodedValue(string Code, string LabelZh, string LabelEn)
{
    /// <summary>Returns the label in the given report language.</summary>
    public string Label(ReportLanguage language) => language == ReportLanguage.ZhCn ? LabelZh : LabelEn;
}
