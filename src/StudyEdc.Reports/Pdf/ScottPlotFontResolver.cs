using System.Collections.Concurrent;
using ScottPlot;
using SkiaSharp;

namespace StudyEdc.Reports.Pdf;

/// <summary>
/// Lets ScottPlot 5 find the report typefaces by name. ScottPlot resolves a font name through the process-wide
/// list <see cref="Fonts.FontResolvers"/> before asking the system, and the system lookup finds no Chinese font
/// with SkiaSharp's NoDependencies native build, so charts name <see cref="ReportTypefaces.FamilyKey"/> instead.
/// </summary>
internal sealed class ScottPlotFontResolver : IFontResolver
{
    private static readonly ScottPlotFontResolver Instance = new();
    private static readonly Lock RegistrationLock = new();
    private readonly ConcurrentDictionary<string, ReportTypefaces> _families = new(StringComparer.Ordinal);

    public static void Register(ReportTypefaces typefaces)
    {
        Instance._families[typefaces.FamilyKey] = typefaces;
        lock (RegistrationLock)
        {
            if (!Fonts.FontResolvers.Contains(Instance))
            {
                Fonts.FontResolvers.Insert(0, Instance);
            }
        }
    }

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
        CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic)
    {
        if (!_families.TryGetValue(fontName, out var typefaces))
        {
            return null;
        }

        return bold && typefaces.Bold is not null ? typefaces.Bold : typefaces.Regular;
    }
}
