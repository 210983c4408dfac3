using MudBlazor;

namespace StudyEdc.Web.Components.Layout;

/// <summary>The MudBlazor theme, with a font stack that has Simplified Chinese glyphs on every platform.</summary>
internal static class StudyTheme
{
    public static MudTheme Theme { get; } = new()
    {
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Roboto", "Helvetica", "Arial", "sans-serif"],
            },
        },
    };
}
