using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyEdc.Core.Forms;

namespace StudyEdc.Core.Lesions;

internal sealed class LesionConfiguration : IEntityTypeConfiguration<Lesion>
{
    public void Configure(EntityTypeBuilder<Lesion> builder)
    {
        builder.ToTable("Lesions");
        CrfRecordConfiguration.ConfigureCommon(builder);
        builder.HasIndex(l => new { l.ParticipantId, l.LesionNumber }).IsUnique();

        builder.Property(l => l.CouinaudSegment).HasConversion<string>().HasMaxLength(8);
        builder.Property(l => l.LongestDiameterMm).HasPrecision(6, 1);
        builder.Property(l => l.SeriesInstanceUid).HasMaxLength(64);
        builder.Property(l => l.Nature).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.ReferenceStandard).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.PathologyType).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.PathologyTypeOther).HasMaxLength(200);
        builder.Property(l => l.SpecimenMethod).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.FollowUpModality1).HasConversion<string>().HasMaxLength(30);
        builder.Property(l => l.FollowUpModality2).HasConversion<string>().HasMaxLength(30);
        builder.Property(l => l.FollowUpOutcome).HasConversion<string>().HasMaxLength(20);
    }
}
