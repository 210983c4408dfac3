using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyEdc.Core.Forms;

namespace StudyEdc.Core.Clinical;

internal sealed class ClinicalCrfConfiguration : IEntityTypeConfiguration<ClinicalCrf>
{
    public void Configure(EntityTypeBuilder<ClinicalCrf> builder)
    {
        builder.ToTable("ClinicalCrfs");
        CrfRecordConfiguration.ConfigureCommon(builder);
        builder.HasIndex(c => c.ParticipantId).IsUnique();

        builder.Property(c => c.HepatitisB).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.HepatitisC).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.AfpValue).HasPrecision(12, 3);
        builder.Property(c => c.AfpUnit).HasConversion<string>().HasMaxLength(40);
        builder.Property(c => c.AfpNgPerMl).HasPrecision(12, 3);
        builder.Property(c => c.ReasonForCt).HasConversion<string>().HasMaxLength(40);
        builder.Property(c => c.ReasonForCtOther).HasMaxLength(200);
        builder.Property(c => c.ScannerManufacturer).HasMaxLength(64);
        builder.Property(c => c.ScannerModel).HasMaxLength(64);
        builder.Property(c => c.ContrastAgent).HasMaxLength(100);
        builder.Property(c => c.ContrastDoseMl).HasPrecision(7, 2);
    }
}
