using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StudyEdc.Core.Auditing;

namespace StudyEdc.Core.Data.Configurations;

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> builder)
    {
        builder.ToTable("AuditChainHead");
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.LastHash).HasMaxLength(64).IsFixedLength();
        builder.Property(h => h.Version).IsConcurrencyToken();

        // The migrations create the single row of an empty chain.
        builder.HasData(new AuditChainHead
        {
            Id = AuditChainHead.SingletonId,
            LastEntryId = 0,
            LastHash = AuditHasher.GenesisHash,
            Version = new Guid("5d0c2c1e-6f8e-4d59-9a51-0d3f3b6c8a01"),
        });
    }
}
