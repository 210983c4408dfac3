using StudyEdc.Core.ReferenceStandards;
using StudyEdc.Reports;
using StudyEdc.Reports.Model;
using StudyEdc.Statistics;

namespace StudyEdc.Core.Analysis;

/// <summary>What a report is computed for: the analysis, the threshold and how the report is labelled.</summary>
/// <param name="Population">Which participants count.</param>
/// <param name="Level">Lesions or patients as the unit.</param>
/// <param name="Threshold">Score at or above which a unit is test-positive; usually the plan's locked threshold.</param>
/// <param name="Language">Language of every label.</param>
/// <param name="Snapshot">The snapshot the rows came from; number 0 with id "live" for live data.</param>
/// <param name="GeneratedAt">Generation time printed on the report.</param>
/// <param name="Sites">The study's sites in print order.</param>
public sealed record ReportAssemblyRequest(
    AnalysisPopulation Population,
    AnalysisLevel Level,
    double Threshold,
    ReportLanguage Language,
    DataSnapshotInfo Snapshot,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ReportSite> Sites);

/// <summary>A site as the report names it.</summary>
public sealed record ReportSite(string Code, string NameZh, string NameEn, string TimeZoneId);

/// <summary>
/// Turns analysis rows into the Reports library's <see cref="AccuracyReport"/>: selects the population, forms the
/// units of the level, computes every statistic per site and pooled with StudyEdc.Statistics, and counts the STARD
/// flow. Pure: the same dataset and request always give the same figures.
/// </summary>
/// <remarks>
/// <para>Lesion level: one unit per lesion CRF. The label is "malignant" by the reference standard; the score is the
/// lesion-level score of <see cref="AnalysisLesionRow.Score"/>. AUC intervals come from DeLong, and the clustered
/// (Obuchowski) AUC treats the participant as the cluster because lesions of one patient are correlated.</para>
/// <para>Patient level: one unit per participant. The label is malignant when any lesion is malignant and benign when
/// every lesion is proven benign. A participant without lesions, or with a lesion whose reference standard is not
/// recorded, has no label. The score is <see cref="AnalysisParticipantRow.PatientScore"/>, the highest malignancy
/// probability of any detection. The reference standard type is the strongest among the lesions: pathology, then
/// consensus, then follow-up.</para>
/// <para>STARD: "assessed" counts every enrolled participant; "excluded" counts those outside the population, each
/// once under its first reason (the first exclusion record, else the first ineligibility reason). From "index test
/// done" on, the boxes count units of the level: lesions or participants.</para>
/// </remarks>
public static class AccuracyReportAssembler
{
    public static AccuracyReport Assemble(AnalysisDataset dataset, ReportAssemblyRequest request)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(request);

        var labels = new AnalysisReportText(request.Language);
        var population = dataset.Participants.Where(p => p.IsIn(request.Population)).ToList();
        var units = request.Level == AnalysisLevel.Lesion ? LesionUnits(dataset, population) : PatientUnits(dataset, population);
        var analysed = units.Where(u => u.Score is not null && u.Label is not null).ToList();

        var sites = request.Sites.Select(site => Site(
            request.Language == ReportLanguage.ZhCn ? site.NameZh : site.NameEn,
            analysed.Where(u => u.SiteCode == site.Code).ToList(),
            Froc(dataset, population.Where(p => p.SiteCode == site.Code).ToList()),
            request)).ToList();
        var pooled = Site(labels["Pooled"], analysed, Froc(dataset, population), request);

        return new AccuracyReport
        {
            Language = request.Language,
            StudyTitle = labels["StudyTitle"],
            GeneratedAt = request.GeneratedAt,
            SiteTimeZoneId = request.Sites.Select(s => s.TimeZoneId).FirstOrDefault() ?? "Asia/Shanghai",
            Snapshot = request.Snapshot,
            Model = new ModelInfo(dataset.Plan.ModelName, dataset.Plan.ModelVersion, dataset.Plan.ModelSha256),
            DecisionThreshold = request.Threshold,
            Population = request.Population,
            Level = request.Level,
            Sites = sites,
            Pooled = pooled,
            Flow = Flow(dataset, population, units, pooled.Accuracy.Counts, labels),
        };
    }

    private static SiteAccuracy Site(string name, List<Unit> units, FrocCurve froc, ReportAssemblyRequest request)
    {
        var scores = units.Select(u => u.Score!.Value).ToArray();
        var labels = units.Select(u => u.Label!.Value).ToArray();

        // Clustered AUC only at the lesion level, where a participant's lesions form a cluster.
        int[] clusters = [];
        if (request.Level == AnalysisLevel.Lesion)
        {
            var clusterIds = new Dictionary<string, int>(StringComparer.Ordinal);
            clusters = units.Select(u => clusterIds.TryGetValue(u.StudyId, out var id) ? id : clusterIds[u.StudyId] = clusterIds.Count).ToArray();
        }

        var summary = AccuracyAnalysis.Run(scores, labels, clusters, [request.Threshold]);
        return SiteAccuracy.FromSummary(name, summary, froc);
    }

    /// <summary>
    /// The FROC curve of the participants whose index test was done: every matched lesion is a lesion localization,
    /// every unmatched detection a non-lesion localization, scored by the detection score. Lesions count when their
    /// box is drawn, because only those can be localized.
    /// </summary>
    private static FrocCurve Froc(AnalysisDataset dataset, List<AnalysisParticipantRow> participants)
    {
        var tested = participants.Where(p => p.IndexTestDone).Select(p => (p.SiteCode, p.StudyId)).ToHashSet();
        var lesions = dataset.Lesions.Where(l => l.HasBox && tested.Contains((l.SiteCode, l.StudyId))).ToList();
        var detections = lesions.Where(l => l.DetectionMatched == true).Select(l => new Detection(l.DetectionScore!.Value, true))
            .Concat(dataset.FalsePositiveMarks.Where(m => tested.Contains((m.SiteCode, m.StudyId))).Select(m => new Detection(m.DetectionScore, false)))
            .ToList();
        return Statistics.Froc.Curve(detections, lesions.Count, tested.Count);
    }

    private static List<Unit> LesionUnits(AnalysisDataset dataset, List<AnalysisParticipantRow> population)
    {
        var participants = population.ToDictionary(p => (p.SiteCode, p.StudyId));
        var units = new List<Unit>();
        foreach (var lesion in dataset.Lesions)
        {
            if (!participants.TryGetValue((lesion.SiteCode, lesion.StudyId), out var participant))
            {
                continue;
            }

            MissingResult? missing = null;
            if (!participant.IndexTestDone)
            {
                missing = MissingResult.NoInference;
            }
            else if (lesion.Score is null)
            {
                missing = MissingResult.NoBox;
            }

            units.Add(new Unit(lesion.SiteCode, lesion.StudyId, lesion.Score, lesion.HasReference ? lesion.Nature == LesionNature.Malignant : null,
                lesion.HasReference ? lesion.ReferenceStandard : null, missing, lesion.HasReference ? null : NoLabel.NotRecorded));
        }

        return units;
    }

    private static List<Unit> PatientUnits(AnalysisDataset dataset, List<AnalysisParticipantRow> population)
    {
        var lesions = dataset.Lesions.ToLookup(l => (l.SiteCode, l.StudyId));
        var units = new List<Unit>(population.Count);
        foreach (var participant in population)
        {
            var own = lesions[(participant.SiteCode, participant.StudyId)].ToList();
            NoLabel? noLabel = own.Count == 0 ? NoLabel.NoLesion : own.Any(l => !l.HasReference) ? NoLabel.NotRecorded : null;
            bool? label = noLabel is null ? own.Any(l => l.Nature == LesionNature.Malignant) : null;
            ReferenceStandardMethod? method = noLabel is null ? own.Min(l => l.ReferenceStandard) : null;
            units.Add(new Unit(participant.SiteCode, participant.StudyId, participant.PatientScore, label, method,
                participant.IndexTestDone ? null : MissingResult.NoInference, noLabel));
        }

        return units;
    }

    private static StardFlow Flow(AnalysisDataset dataset, List<AnalysisParticipantRow> population, List<Unit> units, ConfusionCounts cells, AnalysisReportText labels)
    {
        var included = population.Select(p => (p.SiteCode, p.StudyId)).ToHashSet();
        var excluded = dataset.Participants.Where(p => !included.Contains((p.SiteCode, p.StudyId))).Select(p => ExclusionLabel(p, labels));
        var withResult = units.Where(u => u.Missing is null).ToList();
        var withReference = withResult.Where(u => u.Label is not null).ToList();

        return new StardFlow
        {
            Assessed = dataset.Participants.Count,
            Excluded = Counted(excluded),
            IndexTestDone = withResult.Count,
            IndexTestNotDone = Counted(units.Where(u => u.Missing is not null).Select(u => labels["Stard_" + u.Missing])),
            ReferenceStandardByType = Counted(withReference.Select(u => labels.Choice(u.Method!.Value))),
            NoReferenceStandard = Counted(withResult.Where(u => u.Label is null).Select(u => labels["Stard_" + u.NoLabel])),
            Cells = cells,
        };
    }

    private static string ExclusionLabel(AnalysisParticipantRow participant, AnalysisReportText labels)
    {
        if (participant.ExclusionCriteria.Count > 0)
        {
            return labels.Choice(Enum.Parse<Exclusions.ExclusionCriterion>(participant.ExclusionCriteria[0]));
        }

        return participant.IneligibilityReasons.Count > 0
            ? labels["Stard_Ineligible_" + participant.IneligibilityReasons[0]]
            : labels["Stard_EligibilityUndetermined"];
    }

    /// <summary>Counts equal labels, largest count first, then by label, so the order is stable.</summary>
    private static List<ReasonCount> Counted(IEnumerable<string> labels) =>
        labels.GroupBy(l => l, StringComparer.Ordinal)
            .Select(g => new ReasonCount(g.Key, g.Count()))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Label, StringComparer.Ordinal)
            .ToList();

    /// <summary>Why a unit has no index test result.</summary>
    private enum MissingResult
    {
        NoInference,
        NoBox,
    }

    /// <summary>Why a unit has no reference label.</summary>
    private enum NoLabel
    {
        NotRecorded,
        NoLesion,
    }

    private sealed record Unit(string SiteCode, string StudyId, double? Score, bool? Label, ReferenceStandardMethod? Method, MissingResult? Missing, NoLabel? NoLabel);
}
