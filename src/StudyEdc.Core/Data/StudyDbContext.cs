using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Drafts;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Sites;

namespace StudyEdc.Core.Data;

/// <summary>
/// The study database: ASP.NET Core Identity, sites, participants, the audit trail, form drafts and the
/// data-protection keys that several web instances share.
/// </summary>
/// <remarks>
/// <para>
/// Saving audits itself: every added, changed or deleted <see cref="Participant"/> or <see cref="Site"/> becomes
/// one <see cref="AuditEntry"/> per field, written in the same transaction and appended to the hash chain
/// (see <see cref="SaveChangesAsync(bool, CancellationToken)"/>). Such changes need an actor and reason set by
/// <see cref="UseAuditContext"/>; without one the save throws, so no study change escapes the trail. Audit rows
/// are append-only: a save that modifies or deletes one throws.
/// </para>
/// <para>
/// Migrations, one assembly per provider, all generated from this model (run from the repository root):
/// <code>
/// dotnet ef migrations add NAME --project migrations/StudyEdc.Migrations.Sqlite --startup-project migrations/StudyEdc.Migrations.Sqlite --context StudyDbContext
/// dotnet ef migrations add NAME --project migrations/StudyEdc.Migrations.SqlServer --startup-project migrations/StudyEdc.Migrations.SqlServer --context StudyDbContext
/// dotnet ef migrations add NAME --project migrations/StudyEdc.Migrations.PostgreSql --startup-project migrations/StudyEdc.Migrations.PostgreSql --context StudyDbContext
/// </code>
/// The model-consistency tests in StudyEdc.Core.Tests fail until all three exist.
/// </para>
/// </remarks>
public partial class StudyDbContext(DbContextOptions<StudyDbContext> options)
    : IdentityDbContext<StudyUser>(options), IDataProtectionKeyContext
{
    public DbSet<Site> Sites => Set<Site>();

    public DbSet<Participant> Participants => Set<Participant>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();

    public DbSet<FormDraft> FormDrafts => Set<FormDraft>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Analysis.AnalysisPlan> AnalysisPlans => Set<Analysis.AnalysisPlan>();

    public DbSet<Analysis.AnalysisSnapshot> AnalysisSnapshots => Set<Analysis.AnalysisSnapshot>();

    public DbSet<Analysis.AnalysisSettings> AnalysisSettings => Set<Analysis.AnalysisSettings>();

    /// <summary>Clock for audit timestamps; tests may replace it.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(StudyDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        base.ConfigureConventions(configurationBuilder);

        // SQLite returns DateTime values with an unspecified kind; every stored DateTime is UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
