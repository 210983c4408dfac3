using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Sites;

namespace StudyEdc.Core.Data.Configurations;

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> builder)
    {
        builder.ToTable("Participants");
        builder.HasIndex(p => p.StudyId).IsUnique();
        builder.HasIndex(p => new { p.SiteId, p.Status });
        builder.HasOne<Site>().WithMany().HasForeignKey(p => p.SiteId).OnDelete(DeleteBehavior.Restrict);

        builder.Property(p => p.StudyId).HasMaxLength(20);
        builder.Property(p => p.Sex).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Eligibility).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.IneligibilityReasons).HasMaxLength(400);
        builder.Property(p => p.Version).IsConcurrencyToken();
    }
}
