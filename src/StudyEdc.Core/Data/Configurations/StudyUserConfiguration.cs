using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Sites;

namespace StudyEdc.Core.Data.Configurations;

internal sealed class StudyUserConfiguration : IEntityTypeConfiguration<StudyUser>
{
    public void Configure(EntityTypeBuilder<StudyUser> builder)
    {
        builder.HasOne<Site>().WithMany().HasForeignKey(u => u.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.PreferredCulture).HasMaxLength(10);
    }
}
