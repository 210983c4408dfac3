using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Sites;

namespace StudyEdc.Core.Imaging;

internal sealed class ImagingExamConfiguration : IEntityTypeConfiguration<ImagingExam>
{
    public void Configure(EntityTypeBuilder<ImagingExam> builder)
    {
        builder.ToTable("ImagingExams");
        builder.HasIndex(e => e.ParticipantId).IsUnique();
        builder.HasIndex(e => e.SiteId);
        builder.HasOne<Participant>().WithMany().HasForeignKey(e => e.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Site>().WithMany().HasForeignKey(e => e.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasMany(e => e.Series).WithOne(s => s.Exam).HasForeignKey(s => s.ExamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImagingSeriesConfiguration : IEntityTypeConfiguration<ImagingSeries>
{
    public void Configure(EntityTypeBuilder<ImagingSeries> builder)
    {
        builder.ToTable("ImagingSeries");
        builder.HasIndex(s => new { s.ExamId, s.SeriesInstanceUid }).IsUnique();
        builder.HasIndex(s => s.SeriesInstanceUid);
        builder.Property(s => s.SeriesInstanceUid).HasMaxLength(64);
        builder.Property(s => s.SeriesDescription).HasMaxLength(64);
        builder.Property(s => s.PhaseHint).HasMaxLength(20);
        builder.Property(s => s.ConfirmedPhase).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Directions).HasMaxLength(400);
        builder.Property(s => s.Warnings).HasMaxLength(4000);
        builder.HasMany(s => s.Instances).WithOne(i => i.Series).HasForeignKey(i => i.SeriesId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImagingInstanceConfiguration : IEntityTypeConfiguration<ImagingInstance>
{
    public void Configure(EntityTypeBuilder<ImagingInstance> builder)
    {
        builder.ToTable("ImagingInstances");
        builder.HasIndex(i => i.Sha256);
        builder.HasIndex(i => new { i.SeriesId, i.SliceIndex }).IsUnique();
        builder.Property(i => i.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(i => i.SopInstanceUid).HasMaxLength(64);
    }
}

internal sealed class ImagingSiteKeyConfiguration : IEntityTypeConfiguration<ImagingSiteKey>
{
    public void Configure(EntityTypeBuilder<ImagingSiteKey> builder)
    {
        builder.ToTable("ImagingSiteKeys");
        builder.HasKey(k => k.SiteId);
        builder.Property(k => k.SiteId).ValueGeneratedNever();
        builder.HasOne<Site>().WithMany().HasForeignKey(k => k.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(k => k.ProtectedKey).HasMaxLength(1000);
    }
}
