using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyEdc.Core.Analysis;

internal sealed class AnalysisPlanConfiguration : IEntityTypeConfiguration<AnalysisPlan>
{
    public void Configure(EntityTypeBuilder<AnalysisPlan> builder)
    {
        builder.ToTable("AnalysisPlans");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.ModelName).HasMaxLength(100);
        builder.Property(p => p.ModelVersion).HasMaxLength(50);
        builder.Property(p => p.ModelSha256).HasMaxLength(64);
        builder.Property(p => p.PrimaryPopulation).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.PrimaryLevel).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.LockedByUserId).HasMaxLength(450);
        builder.Property(p => p.LockedByUserName).HasMaxLength(256);
        builder.Property(p => p.LockMeaning).HasMaxLength(2000);
        builder.Property(p => p.Version).IsConcurrencyToken();
    }
}

internal sealed class AnalysisSnapshotConfiguration : IEntityTypeConfiguration<AnalysisSnapshot>
{
    public void Configure(EntityTypeBuilder<AnalysisSnapshot> builder)
    {
        builder.ToTable("AnalysisSnapshots");
        builder.HasIndex(s => s.Number).IsUnique();
        builder.Property(s => s.CreatedByUserId).HasMaxLength(450);
        builder.Property(s => s.CreatedByUserName).HasMaxLength(256);
        builder.Property(s => s.Sha256).HasMaxLength(64);
    }
}

internal sealed class AnalysisSettingsConfiguration : IEntityTypeConfiguration<AnalysisSettings>
{
    public void Configure(EntityTypeBuilder<AnalysisSettings> builder)
    {
        builder.ToTable("AnalysisSettings");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
