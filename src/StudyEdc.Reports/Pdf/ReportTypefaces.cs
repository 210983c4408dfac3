using System.Collections.Concurrent;
using SkiaSharp;

namespace StudyEdc.Reports.Pdf;

/// <summary>
/// The regular and bold typefaces of the report, loaded once per font file and face for the life of the process
/// (ScottPlot's font resolvers are process-wide, so the typefaces they return must stay alive).
/// </summary>
public sealed class ReportTypefaces
{
    // Characters every report draws: a typeface without them would print empty boxes for Chinese text.
    private const string RequiredCharacters = "受试者灵敏度特异度第页共ABCaz0123456789";

    private static readonly ConcurrentDictionary<(string Path, int Face, string? BoldPath), Lazy<ReportTypefaces>> Cache = new();

    private ReportTypefaces(SKTypeface regular, SKTypeface? bold, string familyKey)
    {
        Regular = regular;
        Bold = bold;
        FamilyKey = familyKey;
    }

    public SKTypeface Regular { get; }

    /// <summary>Bold face, or null when headings are drawn with the regular face emboldened.</summary>
    public SKTypeface? Bold { get; }

    /// <summary>Name under which ScottPlot finds these typefaces; unique per font file and face.</summary>
    public string FamilyKey { get; }

    /// <summary>Loads (or returns the loaded) typefaces for <paramref name="options"/>.</summary>
    /// <exception cref="ReportFontException">
    /// The regular font file is missing or unreadable, or its face lacks Chinese characters.
    /// </exception>
    public static ReportTypefaces Load(ReportFontOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = (options.RegularPath, options.FaceIndex, options.BoldPath);
        var lazy = Cache.GetOrAdd(key, _ => new Lazy<ReportTypefaces>(() => Create(options)));
        try
        {
            return lazy.Value;
        }
        catch (ReportFontException)
        {
            // Do not cache a failure: the font may be installed while the server runs.
            Cache.TryRemove(key, out _);
            throw;
        }
    }

    private static ReportTypefaces Create(ReportFontOptions options)
    {
        if (!File.Exists(options.RegularPath))
        {
            throw new ReportFontException(
                $"Report font file '{options.RegularPath}' was not found. Install Debian's fonts-noto-cjk package "
                + $"(apt-get install fonts-noto-cjk) or set {ReportFontOptions.SectionName}:RegularPath to a font "
                + "file that covers Simplified Chinese.");
        }

        var regular = SKTypeface.FromFile(options.RegularPath, options.FaceIndex) ?? throw new ReportFontException(
            $"Report font file '{options.RegularPath}' has no readable face {options.FaceIndex}. Check "
            + $"{ReportFontOptions.SectionName}:FaceIndex (2 is Simplified Chinese in fonts-noto-cjk's .ttc files).");

        if (!CoversReportText(regular))
        {
            var family = regular.FamilyName;
            regular.Dispose();
            throw new ReportFontException(
                $"Report font '{family}' in '{options.RegularPath}' (face {options.FaceIndex}) lacks Chinese "
                + "characters, so the report would print empty boxes. Use a CJK font such as Debian's "
                + "fonts-noto-cjk NotoSansCJK-Regular.ttc, face 2.");
        }

        SKTypeface? bold = null;
        if (options.BoldPath is { } boldPath && File.Exists(boldPath))
        {
            bold = SKTypeface.FromFile(boldPath, options.FaceIndex);
            if (bold is not null && !CoversReportText(bold))
            {
                bold.Dispose();
                bold = null;
            }
        }

        var typefaces = new ReportTypefaces(regular, bold, $"StudyEdc report {options.FaceIndex} {options.RegularPath}");
        ScottPlotFontResolver.Register(typefaces);
        return typefaces;
    }

    private static bool CoversReportText(SKTypeface typeface)
    {
        using var font = new SKFont(typeface);
        return font.ContainsGlyphs(RequiredCharacters);
    }

    /// <summary>Returns a font of the given size; bold uses the bold face or emboldens the regular one.</summary>
    public SKFont CreateFont(float size, bool bold = false)
    {
        var typeface = bold && Bold is not null ? Bold : Regular;
        return new SKFont(typeface, size)
        {
            Embolden = bold && Bold is null,
            Subpixel = true,
            Edging = SKFontEdging.Antialias,
        };
    }
}
