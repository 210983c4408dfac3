using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyEdc.Core.Imaging;

namespace StudyEdc.Core.InferenceJobs;

internal sealed class InferenceJobConfiguration : IEntityTypeConfiguration<InferenceJob>
{
    public void Configure(EntityTypeBuilder<InferenceJob> builder)
    {
        builder.ToTable("InferenceJobs");
        builder.HasIndex(j => new { j.Status, j.AvailableAtUtc });
        builder.HasIndex(j => j.ExamId);
        builder.HasOne<ImagingExam>().WithMany().HasForeignKey(j => j.ExamId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(j => j.Step).HasMaxLength(20);
        builder.Property(j => j.ModelName).HasMaxLength(100);
        builder.Property(j => j.ModelVersion).HasMaxLength(50);
        builder.Property(j => j.ModelSha256).HasMaxLength(64);
        builder.Property(j => j.LastError).HasMaxLength(2000);
        builder.Property(j => j.ClaimedBy).HasMaxLength(200);
        builder.Property(j => j.CreatedBy).HasMaxLength(256);
        builder.Property(j => j.ExecutionProvider).HasMaxLength(50);
        builder.HasMany(j => j.Predictions).WithOne().HasForeignKey(p => p.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InferencePredictionConfiguration : IEntityTypeConfiguration<InferencePrediction>
{
    public void Configure(EntityTypeBuilder<InferencePrediction> builder)
    {
        builder.ToTable("InferencePredictions");
        builder.HasIndex(p => p.ExamId);
        builder.Property(p => p.ModelName).HasMaxLength(100);
        builder.Property(p => p.ModelVersion).HasMaxLength(50);
        builder.Property(p => p.ModelSha256).HasMaxLength(64);
    }
}

internal sealed class RegisteredModelConfiguration : IEntityTypeConfiguration<RegisteredModel>
{
    public void Configure(EntityTypeBuilder<RegisteredModel> builder)
    {
        builder.ToTable("RegisteredModels");
        builder.HasIndex(m => new { m.Name, m.Version }).IsUnique();
        builder.HasIndex(m => m.Sha256).IsUnique();
        builder.Property(m => m.Name).HasMaxLength(100);
        builder.Property(m => m.Version).HasMaxLength(50);
        builder.Property(m => m.Sha256).HasMaxLength(64);
        builder.Property(m => m.ModelCard).HasMaxLength(20000);
        builder.Property(m => m.RegisteredBy).HasMaxLength(256);
        builder.Property(m => m.ActivatedBy).HasMaxLength(256);
    }
}
