using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Sites;

namespace StudyEdc.Core.Adjudication;

internal sealed class AdjudicationCaseConfiguration : IEntityTypeConfiguration<AdjudicationCase>
{
    public void Configure(EntityTypeBuilder<AdjudicationCase> builder)
    {
        builder.ToTable("AdjudicationCases");
        builder.HasOne<Lesion>().WithMany().HasForeignKey(c => c.LesionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Participant>().WithMany().HasForeignKey(c => c.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Site>().WithMany().HasForeignKey(c => c.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.LesionId).IsUnique();
        builder.HasIndex(c => new { c.SiteId, c.Status });

        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ConsensusNature).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ConsensusLiRads).HasConversion<string>().HasMaxLength(10);
        builder.Property(c => c.ConsensusNote).HasMaxLength(2000);
        builder.Property(c => c.ConsensusByUserId).HasMaxLength(450);
        builder.Property(c => c.ConsensusByName).HasMaxLength(256);
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}

internal sealed class AdjudicationReadConfiguration : IEntityTypeConfiguration<AdjudicationRead>
{
    public void Configure(EntityTypeBuilder<AdjudicationRead> builder)
    {
        builder.ToTable("AdjudicationReads");
        builder.HasOne<AdjudicationCase>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.CaseId, r.ReaderUserId }).IsUnique();
        builder.HasIndex(r => r.ReaderUserId);

        builder.Property(r => r.ReaderUserId).HasMaxLength(450);
        builder.Property(r => r.ReaderName).HasMaxLength(256);
        builder.Property(r => r.Nature).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.LiRadsCategory).HasConversion<string>().HasMaxLength(10);
    }
}
