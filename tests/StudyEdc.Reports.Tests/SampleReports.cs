using StudyEdc.Reports;
using StudyEdc.Reports.Model;
using StudyEdc.Statistics;

namespace StudyEdc.Reports.Tests;

/// <summary>Builds accuracy reports from simulated scores, computed by StudyEdc.Statistics as Core would.</summary>
internal static class SampleReports
{
    public const double Threshold = 0.5;

    private static readonly (string Zh, string En, int Cases, double Separation)[] SiteDefinitions =
    [
        ("北京协和医院", "Peking Union Medical College Hospital", 160, 1.6),
        ("复旦大学附属中山医院", "Zhongshan Hospital, Fudan University", 140, 1.9),
        ("四川大学华西医院", "West China Hospital, Sichuan University", 120, 1.3),
        ("中山大学附属第一医院", "First Affiliated Hospital, Sun Yat-sen University", 100, 1.7),
        ("浙江大学医学院附属第一医院", "First Affiliated Hospital, Zhejiang University", 90, 1.1),
    ];

    public static AccuracyReport Build(ReportLanguage language)
    {
        var random = new Random(20240601);
        var pooledScores = new List<double>();
        var pooledLabels = new List<bool>();
        var pooledDetections = new List<Detection>();
        var sites = new List<SiteAccuracy>();
        var pooledLesions = 0;

        foreach (var site in SiteDefinitions)
        {
            var (scores, labels) = Simulate(random, site.Cases, site.Separation);
            var detections = SimulateDetections(random, labels, out var lesions);
            pooledScores.AddRange(scores);
            pooledLabels.AddRange(labels);
            pooledDetections.AddRange(detections);
            pooledLesions += lesions;
            sites.Add(Site(language == ReportLanguage.ZhCn ? site.Zh : site.En, scores, labels, detections, lesions));
        }

        var pooled = Site(language == ReportLanguage.ZhCn ? "合并" : "Pooled", [.. pooledScores], [.. pooledLabels], pooledDetections, pooledLesions);
        var cells = pooled.Accuracy.Counts;
        return new AccuracyReport
        {
            Language = language,
            StudyTitle = language == ReportLanguage.ZhCn ? "深度学习肝脏 CT 多中心诊断准确性研究" : "Multicentre diagnostic accuracy of deep learning on liver CT",
            GeneratedAt = new DateTimeOffset(2025, 3, 14, 2, 30, 0, TimeSpan.Zero),
            SiteTimeZoneId = "Asia/Shanghai",
            Snapshot = new DataSnapshotInfo(7, "snap-2025-03-14-0007"),
            Model = new ModelInfo("LiverNet", "1.2.0", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
            DecisionThreshold = Threshold,
            Population = AnalysisPopulation.PerProtocol,
            Level = AnalysisLevel.Patient,
            Sites = sites,
            Pooled = pooled,
            Flow = new StardFlow
            {
                Assessed = pooled.Count + 57,
                Excluded =
                [
                    new ReasonCount(language == ReportLanguage.ZhCn ? "不符合纳入标准" : "Did not meet inclusion criteria", 31),
                    new ReasonCount(language == ReportLanguage.ZhCn ? "撤回知情同意" : "Withdrew consent", 9),
                ],
                IndexTestDone = pooled.Count + 17,
                IndexTestNotDone = [new ReasonCount(language == ReportLanguage.ZhCn ? "缺少门静脉期" : "Portal-venous phase missing", 0)],
                ReferenceStandardByType =
                [
                    new ReasonCount(language == ReportLanguage.ZhCn ? "组织病理学" : "Histopathology", pooled.Positives + 12),
                    new ReasonCount(language == ReportLanguage.ZhCn ? "影像随访 ≥ 12 个月" : "Imaging follow-up ≥ 12 months", pooled.Negatives - 12),
                ],
                NoReferenceStandard = [new ReasonCount(language == ReportLanguage.ZhCn ? "失访" : "Lost to follow-up", 17)],
                Cells = cells,
            },
        };
    }

    private static SiteAccuracy Site(string name, double[] scores, bool[] labels, List<Detection> detections, int lesions)
    {
        var summary = AccuracyAnalysis.Run(scores, labels, [], [Threshold]);
        var froc = Froc.Curve(detections, lesions, scores.Length);
        return SiteAccuracy.FromSummary(name, summary, froc);
    }

    private static (double[] Scores, bool[] Labels) Simulate(Random random, int count, double separation)
    {
        var scores = new double[count];
        var labels = new bool[count];
        for (var index = 0; index < count; index++)
        {
            labels[index] = random.NextDouble() < 0.4;
            var latent = Normal(random) + (labels[index] ? separation : 0);
            scores[index] = 1 / (1 + Math.Exp(-(latent - (separation / 2))));
        }

        return (scores, labels);
    }

    private static List<Detection> SimulateDetections(Random random, bool[] labels, out int lesions)
    {
        var detections = new List<Detection>();
        lesions = 0;
        foreach (var isPositive in labels)
        {
            if (isPositive)
            {
                lesions++;
                if (random.NextDouble() < 0.9)
                {
                    detections.Add(new Detection(0.5 + (random.NextDouble() / 2), IsMatched: true));
                }
            }

            var falseMarks = random.Next(0, 3);
            for (var mark = 0; mark < falseMarks; mark++)
            {
                detections.Add(new Detection(random.NextDouble() * 0.8, IsMatched: false));
            }
        }

        return detections;
    }

    private static double Normal(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>A site whose cases are all reference-negative, so sensitivity and the AUC are not estimable.</summary>
    public static SiteAccuracy BuildSiteWithoutPositives(string name)
    {
        double[] scores = [0.1, 0.2, 0.7, 0.3];
        bool[] labels = [false, false, false, false];
        return SiteAccuracy.FromSummary(name, AccuracyAnalysis.Run(scores, labels, [], [Threshold]));
    }
}
