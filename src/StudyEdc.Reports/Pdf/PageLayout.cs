using SkiaSharp;

namespace StudyEdc.Reports.Pdf;

/// <summary>
/// A4 pages composed top to bottom before anything is drawn, so that the footer of every page can say
/// "page N of M". Each page is a list of drawing steps replayed onto the PDF canvas at the end.
/// </summary>
internal sealed class PageLayout
{
    /// <summary>A4 in PDF points (1/72 inch): 210 mm × 297 mm.</summary>
    public const float PageWidth = 595.28f;

    public const float PageHeight = 841.89f;
    public const float Margin = 50f;
    public const float FooterHeight = 28f;

    private readonly List<List<Action<SKCanvas>>> _pages = [];
    private readonly float _margin = Margin;

    public float Left => _margin;

    public float Right => PageWidth - _margin;

    public float ContentWidth => Right - Left;

    public float Top => _margin;

    /// <summary>Lowest y that content may reach; the footer lies below it.</summary>
    public float Bottom => PageHeight - _margin - FooterHeight;

    /// <summary>Current vertical position on the last page.</summary>
    public float Y { get; set; }

    public IReadOnlyList<IReadOnlyList<Action<SKCanvas>>> Pages => _pages;

    public void NewPage()
    {
        _pages.Add([]);
        Y = Top;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit below <see cref="Y"/>.</summary>
    public void EnsureSpace(float height)
    {
        if (_pages.Count == 0 || Y + height > Bottom)
        {
            NewPage();
        }
    }

    /// <summary>Adds a drawing step to the current page.</summary>
    public void Draw(Action<SKCanvas> step) => _pages[^1].Add(step);
}
