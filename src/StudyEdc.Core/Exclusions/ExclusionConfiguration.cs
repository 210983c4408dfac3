using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyEdc.Core.Forms;

namespace StudyEdc.Core.Exclusions;

internal sealed class ExclusionConfiguration : IEntityTypeConfiguration<Exclusion>
{
    public void Configure(EntityTypeBuilder<Exclusion> builder)
    {
        builder.ToTable("Exclusions");
        CrfRecordConfiguration.ConfigureCommon(builder);
        builder.HasIndex(e => e.ParticipantId);

        builder.Property(e => e.Criterion).HasConversion<string>().HasMaxLength(40);
        builder.Property(e => e.Details).HasMaxLength(1000);
    }
}
