namespace StudyEdc.Core.Drafts;

/// <summary>A user's unsaved input for one form instance; see <see cref="IFormDraftService"/>.</summary>
public class FormDraft
{
    /// <summary>Stands for "a new record" in <see cref="RecordId"/>, so the unique index needs no nullable column.</summary>
    public const int NewRecordId = 0;

    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public string FormKey { get; set; } = "";

    public int RecordId { get; set; }

    public string Json { get; set; } = "";

    public DateTime SavedAtUtc { get; set; }
}
