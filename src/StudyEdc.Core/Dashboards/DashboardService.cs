using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StudyEdc.Core.Adjudication;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Data;
using StudyEdc.Core.Exclusions;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Queries;
using StudyEdc.Core.ReferenceStandards;
using StudyEdc.Core.Sites;

namespace StudyEdc.Core.Dashboards;

internal sealed class DashboardService(StudyDbContext db) : IDashboardService
{
    public async Task<StudyDashboard?> GetAsync(StudyCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        if (!CasebookAccess.CanRead(caller))
        {
            return null;
        }

        // Enrolment per site against target; excluded participants stay enrolled.
        var participants = await CasebookAccess.ScopedParticipants(db, caller).AsNoTracking()
            .Select(p => new { p.Id, p.SiteId, p.Eligibility, p.Status, p.CreatedAtUtc })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var excludedIds = await CasebookAccess.Scoped(db.Set<Exclusion>(), caller).Select(e => e.ParticipantId).Distinct()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var excluded = excludedIds.ToHashSet();
        // Sites in the order of every site list: the lead site first, then by code.
        var sites = await db.Sites.AsNoTracking().Where(s => caller.HasAllSites || s.Id == caller.SiteId)
            .OrderByDescending(s => s.IsLeadSite).ThenBy(s => s.Code)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var siteOrder = sites.Select((site, index) => (site.Id, index)).ToDictionary(pair => pair.Id, pair => pair.index);
        var enrolment = sites.Select(site =>
        {
            var atSite = participants.Where(p => p.SiteId == site.Id).ToList();
            return new SiteEnrolment(site.Id, site.Code, site.NameZh, site.NameEn, site.EnrolmentTarget, atSite.Count,
                atSite.Count(p => p.Eligibility == EligibilityStatus.Eligible), atSite.Count(p => p.Eligibility == EligibilityStatus.Ineligible),
                atSite.Count(p => excluded.Contains(p.Id)));
        }).ToList();

        // Enrolment per month in each site's own time zone.
        var zones = sites.ToDictionary(s => s.Id, s => s.TimeZoneId);
        var byMonth = participants
            .GroupBy(p => (p.SiteId, Month: SiteTime.ToSiteLocal(p.CreatedAtUtc, zones[p.SiteId]).ToString("yyyy'-'MM", CultureInfo.InvariantCulture)))
            .OrderBy(g => siteOrder[g.Key.SiteId]).ThenBy(g => g.Key.Month, StringComparer.Ordinal)
            .Select(g => new MonthlyEnrolment(g.Key.SiteId, g.Key.Month, g.Count()))
            .ToList();

        var forms = participants.GroupBy(p => p.Status).Select(g => new FormStatusCount(CrfForms.ParticipantKey, g.Key, g.Count())).ToList();
        forms.AddRange(await CountByStatusAsync(CasebookAccess.Scoped(db.Set<ClinicalCrf>(), caller), CrfForms.ClinicalKey, cancellationToken).ConfigureAwait(false));
        forms.AddRange(await CountByStatusAsync(CasebookAccess.Scoped(db.Set<Lesion>(), caller), CrfForms.LesionKey, cancellationToken).ConfigureAwait(false));
        forms.AddRange(await CountByStatusAsync(CasebookAccess.Scoped(db.Set<Exclusion>(), caller), CrfForms.ExclusionKey, cancellationToken).ConfigureAwait(false));

        var queries = await CasebookAccess.Scoped(db.Set<DataQuery>(), caller).Where(q => q.Status != QueryStatus.Closed)
            .GroupBy(q => q.SiteId)
            .Select(g => new SiteQueryCount(g.Key, g.Count(q => q.Status == QueryStatus.Open), g.Count(q => q.Status == QueryStatus.Answered)))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var criteria = await CasebookAccess.Scoped(db.Set<Exclusion>(), caller).Where(e => e.Criterion != null).Select(e => e.Criterion!.Value)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var exclusions = criteria.GroupBy(c => c).OrderBy(g => g.Key).Select(g => new ExclusionCount(g.Key, g.Count())).ToList();

        return new StudyDashboard(enrolment, byMonth, forms.OrderBy(f => f.FormKey, StringComparer.Ordinal).ThenBy(f => f.Status).ToList(),
            queries.OrderBy(q => siteOrder.GetValueOrDefault(q.SiteId, int.MaxValue)).ToList(), exclusions);
    }

    public async Task<IReadOnlyList<WorkItem>> GetWorkListAsync(StudyCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var participants = await CasebookAccess.ScopedParticipants(db, caller).AsNoTracking()
            .OrderBy(p => p.StudyId).Select(p => new { p.Id, p.StudyId, p.SiteId, p.Status })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var clinical = await CasebookAccess.Scoped(db.Set<ClinicalCrf>(), caller).Select(c => new { c.ParticipantId, c.Id, c.Status })
            .ToDictionaryAsync(c => c.ParticipantId, cancellationToken).ConfigureAwait(false);
        var lesions = (await CasebookAccess.Scoped(db.Set<Lesion>(), caller)
                .Select(l => new { l.ParticipantId, l.Id, l.LesionNumber, l.Status, l.ReferenceStandard })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(l => l.ParticipantId);
        var cases = await CasebookAccess.Scoped(db.Set<AdjudicationCase>(), caller).Select(c => new { c.LesionId, c.Status })
            .ToDictionaryAsync(c => c.LesionId, c => c.Status, cancellationToken).ConfigureAwait(false);
        var openQueries = (await CasebookAccess.Scoped(db.Set<DataQuery>(), caller).Where(q => q.Status == QueryStatus.Open)
                .Select(q => new { q.ParticipantId, q.Id }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(q => q.ParticipantId);

        var items = new List<WorkItem>();
        foreach (var participant in participants)
        {
            void Add(WorkItemKind kind, int? recordId = null, int? number = null) =>
                items.Add(new WorkItem(participant.Id, participant.StudyId, participant.SiteId, kind, recordId, number));

            if (participant.Status == FormStatus.Draft)
            {
                Add(WorkItemKind.ParticipantFormDraft);
            }

            if (!clinical.TryGetValue(participant.Id, out var crf))
            {
                Add(WorkItemKind.ClinicalFormMissing);
            }
            else if (crf.Status == FormStatus.Draft)
            {
                Add(WorkItemKind.ClinicalFormDraft, crf.Id);
            }

            if (!lesions[participant.Id].Any())
            {
                Add(WorkItemKind.NoLesionRecorded);
            }

            foreach (var lesion in lesions[participant.Id].OrderBy(l => l.LesionNumber))
            {
                if (lesion.Status == FormStatus.Draft)
                {
                    Add(WorkItemKind.LesionFormDraft, lesion.Id, lesion.LesionNumber);
                }

                if (lesion.ReferenceStandard == ReferenceStandardMethod.Consensus)
                {
                    var kind = cases.TryGetValue(lesion.Id, out var status)
                        ? status switch
                        {
                            AdjudicationStatus.AwaitingReads => WorkItemKind.ReadsOutstanding,
                            AdjudicationStatus.AwaitingConsensus => WorkItemKind.ConsensusOutstanding,
                            _ => (WorkItemKind?)null,
                        }
                        : WorkItemKind.ReadersNotAssigned;
                    if (kind is { } pending)
                    {
                        Add(pending, lesion.Id, lesion.LesionNumber);
                    }
                }
            }

            foreach (var query in openQueries[participant.Id].OrderBy(q => q.Id))
            {
                Add(WorkItemKind.QueryAwaitingResponse, query.Id);
            }
        }

        return items;
    }

    private static async Task<List<FormStatusCount>> CountByStatusAsync<T>(IQueryable<T> records, string formKey, CancellationToken cancellationToken)
        where T : CrfRecord
    {
        var counts = await records.GroupBy(r => r.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return counts.Select(c => new FormStatusCount(formKey, c.Status, c.Count)).ToList();
    }
}
