namespace StudyEdc.Core.Exports;

/// <summary>Settings of the exports, from the configuration section <c>Exports</c>.</summary>
public sealed class ExportOptions
{
    public const string SectionName = "Exports";

    /// <summary>
    /// Base64 secret (at least 16 bytes) that keys the pseudonymous subject ids of de-identified exports, so the
    /// same participant gets the same pseudonym in every export. When it is empty, each export draws a random key
    /// and its pseudonyms cannot be linked to those of any other export.
    /// </summary>
    public string? PseudonymKey { get; set; }

    /// <summary>Study OID written in the ODM file and the scripts.</summary>
    public string StudyOid { get; set; } = "LIVER_CT_DL";

    public string StudyNameZh { get; set; } = "肝脏 CT 深度学习多中心诊断准确性研究";

    public string StudyNameEn { get; set; } = "Multicentre diagnostic accuracy study of deep learning on liver CT";

    public string ProtocolName { get; set; } = "StudyEdc liver CT diagnostic accuracy protocol";
}
