using StudyEdc.Core.Data;
using StudyEdc.Core.Imaging;

namespace StudyEdc.Core.Tests.InferenceJobs;

/// <summary>Exam rows for queue and registry tests that need confirmed phases but never read the images.</summary>
internal static class ConfirmedExams
{
    /// <summary>Adds an exam with a confirmed arterial and portal-venous series (rows only, no files) and returns its id.</summary>
    public static async Task<int> AddAsync(StudyDbContext db, int participantId, int siteId, CancellationToken cancellationToken)
    {
        var exam = new ImagingExam { ParticipantId = participantId, SiteId = siteId, PhasesConfirmed = true };
        foreach (var phase in new[] { ConfirmedPhase.Arterial, ConfirmedPhase.PortalVenous })
        {
            exam.Series.Add(new ImagingSeries
            {
                SiteId = siteId,
                SeriesInstanceUid = $"2.25.{Guid.NewGuid().ToString("N")[..12]}",
                ConfirmedPhase = phase,
                PhaseHint = phase.ToString(),
            });
        }

        db.Add(exam);
        await db.SaveChangesAsync(cancellationToken);
        return exam.Id;
    }
}
