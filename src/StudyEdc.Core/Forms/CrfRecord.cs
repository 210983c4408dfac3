using StudyEdc.Core.Participants;

namespace StudyEdc.Core.Forms;

/// <summary>A study record that belongs to one participant's casebook, and so to that participant's site.</summary>
public interface ICasebookRecord
{
    int Id { get; }

    int SiteId { get; }

    int ParticipantId { get; }
}

/// <summary>
/// Columns shared by the CRFs after the participant form: owner, life cycle (draft → complete → verified →
/// locked, with the participant form's <see cref="FormStatusRules"/>) and optimistic concurrency.
/// </summary>
public abstract class CrfRecord : ICasebookRecord
{
    public int Id { get; set; }

    public int ParticipantId { get; set; }

    /// <summary>The participant's site, copied so that site scoping needs no join.</summary>
    public int SiteId { get; set; }

    public FormStatus Status { get; set; } = FormStatus.Draft;

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Optimistic concurrency token, changed on every update.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}
