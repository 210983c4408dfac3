using System.Text;
using SkiaSharp;

namespace StudyEdc.Reports.Pdf;

/// <summary>
/// Draws, measures and wraps text for the PDF pages. Text goes through a text blob that carries the UTF-8 source
/// and its clusters, because Skia's PDF backend then writes the source as the glyphs' actual text. Without it the
/// CJK fonts' shared glyphs extract as the wrong characters (Noto CJK maps 工 and the Kangxi radical ⼯ to one
/// glyph, and copying or searching the PDF found ⼯).
/// </summary>
internal static class PdfText
{
    /// <summary>Draws one line with its baseline at <paramref name="y"/>, aligned to <paramref name="x"/>.</summary>
    public static void Draw(SKCanvas canvas, string text, float x, float y, SKFont font, SKPaint paint, SKTextAlign align = SKTextAlign.Left)
    {
        if (text.Length == 0)
        {
            return;
        }

        var width = font.MeasureText(text);
        var left = align switch
        {
            SKTextAlign.Center => x - (width / 2),
            SKTextAlign.Right => x - width,
            _ => x,
        };

        using var blob = CreateBlob(text, font);
        if (blob is null)
        {
            canvas.DrawText(text, left, y, SKTextAlign.Left, font, paint);
            return;
        }

        canvas.DrawText(blob, left, y, paint);
    }

    /// <summary>Returns the advance width of <paramref name="text"/> in points.</summary>
    public static float Measure(string text, SKFont font) => font.MeasureText(text);

    /// <summary>
    /// Splits <paramref name="text"/> into lines no wider than <paramref name="maxWidth"/>: Latin text breaks at
    /// spaces, Chinese text between any two characters, and a single word wider than the line is cut.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, SKFont font, float maxWidth)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            WrapParagraph(paragraph, font, maxWidth, lines);
        }

        return lines;
    }

    private static void WrapParagraph(string paragraph, SKFont font, float maxWidth, List<string> lines)
    {
        var start = 0;
        while (start < paragraph.Length)
        {
            var end = start;
            var lastBreak = -1;
            while (end < paragraph.Length && font.MeasureText(paragraph.AsSpan(start, end - start + 1)) <= maxWidth)
            {
                end++;
                if (end < paragraph.Length && IsBreakAfter(paragraph, end - 1))
                {
                    lastBreak = end;
                }
            }

            if (end >= paragraph.Length)
            {
                lines.Add(paragraph[start..].TrimEnd());
                return;
            }

            var cut = lastBreak > start ? lastBreak : Math.Max(end, start + 1);
            lines.Add(paragraph[start..cut].TrimEnd());
            start = cut;
            while (start < paragraph.Length && paragraph[start] == ' ')
            {
                start++;
            }
        }

        if (paragraph.Length == 0)
        {
            lines.Add(string.Empty);
        }
    }

    // A line may break after a space, after a CJK character, or before one.
    private static bool IsBreakAfter(string text, int index) =>
        text[index] == ' ' || IsCjk(text[index]) || (index + 1 < text.Length && IsCjk(text[index + 1]));

    private static bool IsCjk(char character) =>
        character is (>= '\u2E80' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF') or (>= '\uFF00' and <= '\uFFEF');

    private static SKTextBlob? CreateBlob(string text, SKFont font)
    {
        var glyphs = font.GetGlyphs(text);
        var runes = text.EnumerateRunes().ToArray();

        // One glyph per code point is what SKFont.GetGlyphs returns; anything else falls back to plain drawing.
        if (glyphs.Length != runes.Length)
        {
            return null;
        }

        var utf8 = Encoding.UTF8.GetBytes(text);
        var clusters = new uint[glyphs.Length];
        var offset = 0;
        for (var index = 0; index < runes.Length; index++)
        {
            clusters[index] = (uint)offset;
            offset += runes[index].Utf8SequenceLength;
        }

        var widths = new float[glyphs.Length];
        font.GetGlyphWidths(glyphs, widths, []);
        var positions = new float[glyphs.Length];
        var x = 0f;
        for (var index = 0; index < glyphs.Length; index++)
        {
            positions[index] = x;
            x += widths[index];
        }

        using var builder = new SKTextBlobBuilder();
        var run = builder.AllocateHorizontalTextRun(font, glyphs.Length, 0, utf8.Length, null);
        run.SetGlyphs(glyphs);
        run.SetPositions(positions);
        run.SetText(utf8);
        run.SetClusters(clusters);
        return builder.Build();
    }
}
