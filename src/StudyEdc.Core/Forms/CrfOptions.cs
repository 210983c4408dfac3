namespace StudyEdc.Core.Forms;

/// <summary>Protocol settings of the study CRFs, from the configuration section <c>Study:Crf</c>.</summary>
public sealed class CrfOptions
{
    public const string SectionName = "Study:Crf";

    /// <summary>
    /// Days a pathology specimen may be taken before the CT exam without a query. An earlier specimen may not
    /// show the lesion as it was on the CT, so the record is saved and an automatic query asks the site to confirm.
    /// </summary>
    public int PathologyBeforeCtWindowDays { get; set; } = 30;
}
