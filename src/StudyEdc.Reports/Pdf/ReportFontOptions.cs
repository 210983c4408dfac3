namespace StudyEdc.Reports.Pdf;

/// <summary>
/// Where the report's typeface comes from. SkiaSharp's NoDependencies native build does not ask fontconfig for
/// fonts, so the PDF loads its font from a file: by default Debian's fonts-noto-cjk, whose .ttc collection holds
/// Japanese, Korean, Simplified and Traditional Chinese faces. The face chosen must cover Chinese and Latin text.
/// </summary>
public sealed record ReportFontOptions
{
    /// <summary>Configuration section, for binding from appsettings.json.</summary>
    public const string SectionName = "Reports:Fonts";

    public const string DefaultRegularPath = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    public const string DefaultBoldPath = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";

    /// <summary>Face index of Noto Sans CJK SC (Simplified Chinese) in the fonts-noto-cjk collections.</summary>
    public const int DefaultFaceIndex = 2;

    /// <summary>Font file (.ttf, .otf or .ttc) for body text.</summary>
    public string RegularPath { get; init; } = DefaultRegularPath;

    /// <summary>Font file for headings; when the file is missing, the regular face is drawn emboldened.</summary>
    public string? BoldPath { get; init; } = DefaultBoldPath;

    /// <summary>Face index inside a .ttc collection; 0 for a single-face file.</summary>
    public int FaceIndex { get; init; } = DefaultFaceIndex;
}
