using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Sites;

namespace StudyEdc.Core.Signatures;

/// <summary>
/// A Principal Investigator's electronic signature of a participant's casebook, given after re-entering the
/// password, with the meaning of the signature stored exactly as it was shown (21 CFR Part 11 §11.50). The row is
/// never changed: a later data change voids it, which <see cref="ISignatureService"/> derives from the audit trail.
/// </summary>
public class CasebookSignature : ICasebookRecord
{
    public const int MaxMeaningLength = 1000;

    public int Id { get; set; }

    public int SiteId { get; set; }

    public int ParticipantId { get; set; }

    public string SignerUserId { get; set; } = "";

    public string SignerUserName { get; set; } = "";

    /// <summary>The signer's printed name (§11.50(a)(1)).</summary>
    public string SignerDisplayName { get; set; } = "";

    /// <summary>Stable code of the meaning, for reports in either language.</summary>
    public string MeaningCode { get; set; } = "";

    /// <summary>The meaning text exactly as shown to the signer, in the signer's UI language.</summary>
    public string Meaning { get; set; } = "";

    public DateTime SignedAtUtc { get; set; }

    /// <summary>
    /// Id of the last audit entry that existed when the casebook was signed. Any later data change of the casebook,
    /// which is an audit entry with a larger id, voids the signature.
    /// </summary>
    public long CoversAuditEntryId { get; set; }
}

internal sealed class CasebookSignatureConfiguration : IEntityTypeConfiguration<CasebookSignature>
{
    public void Configure(EntityTypeBuilder<CasebookSignature> builder)
    {
        builder.ToTable("CasebookSignatures");
        builder.HasOne<Participant>().WithMany().HasForeignKey(s => s.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Site>().WithMany().HasForeignKey(s => s.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.ParticipantId);

        builder.Property(s => s.SignerUserId).HasMaxLength(450);
        builder.Property(s => s.SignerUserName).HasMaxLength(256);
        builder.Property(s => s.SignerDisplayName).HasMaxLength(256);
        builder.Property(s => s.MeaningCode).HasMaxLength(40);
        builder.Property(s => s.Meaning).HasMaxLength(CasebookSignature.MaxMeaningLength);
    }
}
