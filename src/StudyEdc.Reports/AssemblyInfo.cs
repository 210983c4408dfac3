using System.Resources;

// The neutral resources (Resources/ReportText.resx) are Simplified Chinese, the study's default language;
// English is the satellite ReportText.en.resx.
[assembly: NeutralResourcesLanguage("zh-CN")]
