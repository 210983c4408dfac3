using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Sites;

namespace StudyEdc.Core.Forms;

/// <summary>Mapping of the <see cref="CrfRecord"/> columns that every casebook CRF table has.</summary>
internal static class CrfRecordConfiguration
{
    public static void ConfigureCommon<T>(EntityTypeBuilder<T> builder)
        where T : CrfRecord
    {
        builder.HasOne<Participant>().WithMany().HasForeignKey(r => r.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Site>().WithMany().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.SiteId, r.Status });
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Version).IsConcurrencyToken();
    }
}
