using System.Collections;
using System.Globalization;
using System.Resources;
using StudyEdc.Reports.Resources;

namespace StudyEdc.Reports.Tests;

public sealed class ReportTextTests
{
    [Fact]
    public void English_resources_have_every_neutral_key()
    {
        var neutral = Keys(CultureInfo.InvariantCulture);
        var english = Keys(CultureInfo.GetCultureInfo("en"));

        Assert.Empty(neutral.Except(english));
    }

    [Fact]
    public void Chinese_and_english_texts_differ()
    {
        var chinese = new ReportText(ReportLanguage.ZhCn);
        var english = new ReportText(ReportLanguage.En);

        Assert.Equal("第 2 页，共 5 页", chinese.Format("PageNumber", 2, 5));
        Assert.Equal("Page 2 of 5", english.Format("PageNumber", 2, 5));
    }

    private static HashSet<string> Keys(CultureInfo culture)
    {
        var set = ReportText.ResourceManager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!;
        return set.Cast<DictionaryEntry>().Select(entry => (string)entry.Key).ToHashSet(StringComparer.Ordinal);
    }
}
