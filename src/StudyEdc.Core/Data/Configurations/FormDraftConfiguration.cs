using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyEdc.Core.Drafts;
using StudyEdc.Core.Identity;

namespace StudyEdc.Core.Data.Configurations;

internal sealed class FormDraftConfiguration : IEntityTypeConfiguration<FormDraft>
{
    public void Configure(EntityTypeBuilder<FormDraft> builder)
    {
        builder.ToTable("FormDrafts");
        builder.HasIndex(d => new { d.UserId, d.FormKey, d.RecordId }).IsUnique();
        builder.HasOne<StudyUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.FormKey).HasMaxLength(64);
        builder.Property(d => d.Json).HasMaxLength(IFormDraftService.MaxJsonLength);
    }
}
