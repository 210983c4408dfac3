using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Sites;

namespace StudyEdc.Core.Queries;

internal sealed class DataQueryConfiguration : IEntityTypeConfiguration<DataQuery>
{
    public void Configure(EntityTypeBuilder<DataQuery> builder)
    {
        builder.ToTable("DataQueries");
        builder.HasOne<Participant>().WithMany().HasForeignKey(q => q.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Site>().WithMany().HasForeignKey(q => q.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(q => new { q.SiteId, q.Status });
        builder.HasIndex(q => new { q.FormKey, q.RecordId, q.FieldName });

        builder.Property(q => q.FormKey).HasMaxLength(40);
        builder.Property(q => q.FieldName).HasMaxLength(80);
        builder.Property(q => q.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(q => q.OpenedByUserId).HasMaxLength(450);
        builder.Property(q => q.OpenedByName).HasMaxLength(256);
        builder.Property(q => q.Version).IsConcurrencyToken();
    }
}

internal sealed class DataQueryMessageConfiguration : IEntityTypeConfiguration<DataQueryMessage>
{
    public void Configure(EntityTypeBuilder<DataQueryMessage> builder)
    {
        builder.ToTable("DataQueryMessages");
        builder.HasOne<DataQuery>().WithMany(q => q.Messages).HasForeignKey(m => m.QueryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => m.QueryId);

        builder.Property(m => m.Action).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Text).HasMaxLength(DataQuery.MaxTextLength);
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.Property(m => m.UserName).HasMaxLength(256);
    }
}
