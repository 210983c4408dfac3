using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyEdc.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AnalysisPlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    DecisionThreshold = table.Column<double>(type: "float", nullable: false),
                    ModelName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ModelVersion = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    ModelSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    PrimaryPopulation = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    PrimaryLevel = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    LockedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    LockedByUserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    LockedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LockMeaning = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalysisPlans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AnalysisSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    LiveAccuracyVisibleToPrincipalInvestigator = table.Column<bool>(type: "bit", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalysisSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AnalysisSnapshots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Number = table.Column<int>(type: "int", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedByUserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    LesionRowCount = table.Column<int>(type: "int", nullable: false),
                    ParticipantCount = table.Column<int>(type: "int", nullable: false),
                    Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Content = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalysisSnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditChainHead",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    LastEntryId = table.Column<long>(type: "bigint", nullable: false),
                    LastHash = table.Column<string>(type: "nchar(64)", fixedLength: true, maxLength: 64, nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditChainHead", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    TimestampUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    SiteId = table.Column<int>(type: "int", nullable: true),
                    EntityType = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    EntityId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Field = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    OldValue = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    NewValue = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Action = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    PreviousHash = table.Column<string>(type: "nchar(64)", fixedLength: true, maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "nchar(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FriendlyName = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Xml = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RegisteredModels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Version = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    ModelCard = table.Column<string>(type: "nvarchar(max)", maxLength: 20000, nullable: false),
                    DecisionThreshold = table.Column<double>(type: "float", nullable: false),
                    RegisteredBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    RegisteredAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    IsActive = table.Column<bool>(type: "bit", nullable: false),
                    ActivatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ActivatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisteredModels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Sites",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Code = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    NameZh = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    TimeZoneId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    EnrolmentTarget = table.Column<int>(type: "int", nullable: false),
                    NextParticipantNumber = table.Column<int>(type: "int", nullable: false),
                    IsLeadSite = table.Column<bool>(type: "bit", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sites", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RoleId = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    ClaimType = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ClaimValue = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    SiteId = table.Column<int>(type: "int", nullable: true),
                    DisplayName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    MustChangePassword = table.Column<bool>(type: "bit", nullable: false),
                    PreferredCulture = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    IsActive = table.Column<bool>(type: "bit", nullable: false),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "bit", nullable: false),
                    PasswordHash = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    SecurityStamp = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    PhoneNumber = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "bit", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "bit", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "bit", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUsers_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ImagingSiteKeys",
                columns: table => new
                {
                    SiteId = table.Column<int>(type: "int", nullable: false),
                    ProtectedKey = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImagingSiteKeys", x => x.SiteId);
                    table.ForeignKey(
                        name: "FK_ImagingSiteKeys_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Participants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SiteId = table.Column<int>(type: "int", nullable: false),
                    StudyId = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Age = table.Column<int>(type: "int", nullable: true),
                    Sex = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: true),
                    CtExamDate = table.Column<DateOnly>(type: "date", nullable: true),
                    NoPriorLiverTreatment = table.Column<bool>(type: "bit", nullable: true),
                    ReferenceStandardConfirmed = table.Column<bool>(type: "bit", nullable: true),
                    PoorImageQuality = table.Column<bool>(type: "bit", nullable: true),
                    PreviousSurgery = table.Column<bool>(type: "bit", nullable: true),
                    DetectionBoxMismatch = table.Column<bool>(type: "bit", nullable: true),
                    ArterialOrPortalPhaseMissing = table.Column<bool>(type: "bit", nullable: true),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Eligibility = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    IneligibilityReasons = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Participants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Participants_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    UserId = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    ClaimType = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ClaimValue = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    ProviderKey = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    UserId = table.Column<string>(type: "nvarchar(450)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    RoleId = table.Column<string>(type: "nvarchar(450)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    LoginProvider = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    Value = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FormDrafts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    UserId = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    FormKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RecordId = table.Column<int>(type: "int", nullable: false),
                    Json = table.Column<string>(type: "nvarchar(max)", maxLength: 65536, nullable: false),
                    SavedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FormDrafts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FormDrafts_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CasebookSignatures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SiteId = table.Column<int>(type: "int", nullable: false),
                    ParticipantId = table.Column<int>(type: "int", nullable: false),
                    SignerUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    SignerUserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    SignerDisplayName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    MeaningCode = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Meaning = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    SignedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CoversAuditEntryId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CasebookSignatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CasebookSignatures_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CasebookSignatures_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClinicalCrfs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    HepatitisB = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    HepatitisC = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    Cirrhosis = table.Column<bool>(type: "bit", nullable: true),
                    AfpValue = table.Column<decimal>(type: "decimal(12,3)", precision: 12, scale: 3, nullable: true),
                    AfpUnit = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    AfpNgPerMl = table.Column<decimal>(type: "decimal(12,3)", precision: 12, scale: 3, nullable: true),
                    ReasonForCt = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    ReasonForCtOther = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ScannerManufacturer = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ScannerModel = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ContrastAgent = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ContrastDoseMl = table.Column<decimal>(type: "decimal(7,2)", precision: 7, scale: 2, nullable: true),
                    NonContrastPhaseAcquired = table.Column<bool>(type: "bit", nullable: true),
                    ArterialPhaseAcquired = table.Column<bool>(type: "bit", nullable: true),
                    ArterialPhaseDelaySeconds = table.Column<int>(type: "int", nullable: true),
                    PortalVenousPhaseAcquired = table.Column<bool>(type: "bit", nullable: true),
                    PortalVenousPhaseDelaySeconds = table.Column<int>(type: "int", nullable: true),
                    DelayedPhaseAcquired = table.Column<bool>(type: "bit", nullable: true),
                    DelayedPhaseDelaySeconds = table.Column<int>(type: "int", nullable: true),
                    ParticipantId = table.Column<int>(type: "int", nullable: false),
                    SiteId = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClinicalCrfs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClinicalCrfs_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClinicalCrfs_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DataQueries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SiteId = table.Column<int>(type: "int", nullable: false),
                    ParticipantId = table.Column<int>(type: "int", nullable: false),
                    FormKey = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    RecordId = table.Column<int>(type: "int", nullable: false),
                    FieldName = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    IsAutomatic = table.Column<bool>(type: "bit", nullable: false),
                    OpenedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    OpenedByName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    OpenedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataQueries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DataQueries_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DataQueries_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Exclusions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Criterion = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    Details = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ExclusionDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ParticipantId = table.Column<int>(type: "int", nullable: false),
                    SiteId = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Exclusions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Exclusions_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Exclusions_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ImagingExams",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ParticipantId = table.Column<int>(type: "int", nullable: false),
                    SiteId = table.Column<int>(type: "int", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    PhasesConfirmed = table.Column<bool>(type: "bit", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImagingExams", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImagingExams_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ImagingExams_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Lesions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    LesionNumber = table.Column<int>(type: "int", nullable: false),
                    CouinaudSegment = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: true),
                    LongestDiameterMm = table.Column<decimal>(type: "decimal(6,1)", precision: 6, scale: 1, nullable: true),
                    SeriesInstanceUid = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    FirstSlice = table.Column<int>(type: "int", nullable: true),
                    LastSlice = table.Column<int>(type: "int", nullable: true),
                    BoxX = table.Column<int>(type: "int", nullable: true),
                    BoxY = table.Column<int>(type: "int", nullable: true),
                    BoxWidth = table.Column<int>(type: "int", nullable: true),
                    BoxHeight = table.Column<int>(type: "int", nullable: true),
                    Nature = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    ReferenceStandard = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    PathologyType = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    PathologyTypeOther = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    SpecimenDate = table.Column<DateOnly>(type: "date", nullable: true),
                    SpecimenMethod = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    FollowUpModality1 = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    FollowUpDate1 = table.Column<DateOnly>(type: "date", nullable: true),
                    FollowUpModality2 = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    FollowUpDate2 = table.Column<DateOnly>(type: "date", nullable: true),
                    FollowUpOutcome = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    ParticipantId = table.Column<int>(type: "int", nullable: false),
                    SiteId = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Lesions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Lesions_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Lesions_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DataQueryMessages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    QueryId = table.Column<int>(type: "int", nullable: false),
                    SiteId = table.Column<int>(type: "int", nullable: false),
                    ParticipantId = table.Column<int>(type: "int", nullable: false),
                    Action = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    CorrectionMade = table.Column<bool>(type: "bit", nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataQueryMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DataQueryMessages_DataQueries_QueryId",
                        column: x => x.QueryId,
                        principalTable: "DataQueries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ImagingSeries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ExamId = table.Column<int>(type: "int", nullable: false),
                    SiteId = table.Column<int>(type: "int", nullable: false),
                    SeriesInstanceUid = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    SeriesNumber = table.Column<int>(type: "int", nullable: true),
                    SeriesDescription = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    PhaseHint = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    PhaseHintConfidence = table.Column<double>(type: "float", nullable: false),
                    ConfirmedPhase = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    Columns = table.Column<int>(type: "int", nullable: false),
                    Rows = table.Column<int>(type: "int", nullable: false),
                    SliceCount = table.Column<int>(type: "int", nullable: false),
                    SpacingX = table.Column<double>(type: "float", nullable: false),
                    SpacingY = table.Column<double>(type: "float", nullable: false),
                    SpacingZ = table.Column<double>(type: "float", nullable: false),
                    OriginX = table.Column<double>(type: "float", nullable: false),
                    OriginY = table.Column<double>(type: "float", nullable: false),
                    OriginZ = table.Column<double>(type: "float", nullable: false),
                    Directions = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Warnings = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImagingSeries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImagingSeries_ImagingExams_ExamId",
                        column: x => x.ExamId,
                        principalTable: "ImagingExams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InferenceJobs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ExamId = table.Column<int>(type: "int", nullable: false),
                    SiteId = table.Column<int>(type: "int", nullable: false),
                    ArterialSeriesId = table.Column<int>(type: "int", nullable: false),
                    PortalVenousSeriesId = table.Column<int>(type: "int", nullable: false),
                    ModelName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ModelVersion = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    ModelSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Step = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    MaxAttempts = table.Column<int>(type: "int", nullable: false),
                    LastError = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    ClaimedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    LeaseToken = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    LeaseExpiresAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AvailableAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CompletedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ExecutionProvider = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InferenceJobs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InferenceJobs_ImagingExams_ExamId",
                        column: x => x.ExamId,
                        principalTable: "ImagingExams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AdjudicationCases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SiteId = table.Column<int>(type: "int", nullable: false),
                    ParticipantId = table.Column<int>(type: "int", nullable: false),
                    LesionId = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ConsensusNature = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    ConsensusLiRads = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: true),
                    ConsensusNote = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    ConsensusByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    ConsensusByName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ConsensusAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdjudicationCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AdjudicationCases_Lesions_LesionId",
                        column: x => x.LesionId,
                        principalTable: "Lesions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AdjudicationCases_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AdjudicationCases_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ImagingInstances",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SeriesId = table.Column<int>(type: "int", nullable: false),
                    SliceIndex = table.Column<int>(type: "int", nullable: false),
                    Frame = table.Column<int>(type: "int", nullable: false),
                    SopInstanceUid = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Sha256 = table.Column<string>(type: "nchar(64)", fixedLength: true, maxLength: 64, nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImagingInstances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImagingInstances_ImagingSeries_SeriesId",
                        column: x => x.SeriesId,
                        principalTable: "ImagingSeries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InferencePredictions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    JobId = table.Column<long>(type: "bigint", nullable: false),
                    ExamId = table.Column<int>(type: "int", nullable: false),
                    SiteId = table.Column<int>(type: "int", nullable: false),
                    Score = table.Column<double>(type: "float", nullable: false),
                    Malignancy = table.Column<double>(type: "float", nullable: false),
                    PatientMinX = table.Column<double>(type: "float", nullable: false),
                    PatientMinY = table.Column<double>(type: "float", nullable: false),
                    PatientMinZ = table.Column<double>(type: "float", nullable: false),
                    PatientMaxX = table.Column<double>(type: "float", nullable: false),
                    PatientMaxY = table.Column<double>(type: "float", nullable: false),
                    PatientMaxZ = table.Column<double>(type: "float", nullable: false),
                    ArterialI0 = table.Column<double>(type: "float", nullable: false),
                    ArterialJ0 = table.Column<double>(type: "float", nullable: false),
                    ArterialK0 = table.Column<double>(type: "float", nullable: false),
                    ArterialI1 = table.Column<double>(type: "float", nullable: false),
                    ArterialJ1 = table.Column<double>(type: "float", nullable: false),
                    ArterialK1 = table.Column<double>(type: "float", nullable: false),
                    PortalVenousI0 = table.Column<double>(type: "float", nullable: false),
                    PortalVenousJ0 = table.Column<double>(type: "float", nullable: false),
                    PortalVenousK0 = table.Column<double>(type: "float", nullable: false),
                    PortalVenousI1 = table.Column<double>(type: "float", nullable: false),
                    PortalVenousJ1 = table.Column<double>(type: "float", nullable: false),
                    PortalVenousK1 = table.Column<double>(type: "float", nullable: false),
                    ModelName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ModelVersion = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    ModelSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InferencePredictions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InferencePredictions_InferenceJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "InferenceJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AdjudicationReads",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CaseId = table.Column<int>(type: "int", nullable: false),
                    SiteId = table.Column<int>(type: "int", nullable: false),
                    ParticipantId = table.Column<int>(type: "int", nullable: false),
                    ReaderUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    ReaderName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    OpenedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    SubmittedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Nature = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    LiRadsCategory = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: true),
                    Confidence = table.Column<int>(type: "int", nullable: true),
                    ReadingTimeSeconds = table.Column<int>(type: "int", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdjudicationReads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AdjudicationReads_AdjudicationCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "AdjudicationCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "AuditChainHead",
                columns: new[] { "Id", "LastEntryId", "LastHash", "Version" },
                values: new object[] { 1, 0L, "0000000000000000000000000000000000000000000000000000000000000000", new Guid("5d0c2c1e-6f8e-4d59-9a51-0d3f3b6c8a01") });

            migrationBuilder.CreateIndex(
                name: "IX_AdjudicationCases_LesionId",
                table: "AdjudicationCases",
                column: "LesionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AdjudicationCases_ParticipantId",
                table: "AdjudicationCases",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_AdjudicationCases_SiteId_Status",
                table: "AdjudicationCases",
                columns: new[] { "SiteId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AdjudicationReads_CaseId_ReaderUserId",
                table: "AdjudicationReads",
                columns: new[] { "CaseId", "ReaderUserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AdjudicationReads_ReaderUserId",
                table: "AdjudicationReads",
                column: "ReaderUserId");

            migrationBuilder.CreateIndex(
                name: "IX_AnalysisSnapshots_Number",
                table: "AnalysisSnapshots",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true,
                filter: "[NormalizedName] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_SiteId",
                table: "AspNetUsers",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true,
                filter: "[NormalizedUserName] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_EntityType_EntityId",
                table: "AuditEntries",
                columns: new[] { "EntityType", "EntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_SiteId",
                table: "AuditEntries",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_TimestampUtc",
                table: "AuditEntries",
                column: "TimestampUtc");

            migrationBuilder.CreateIndex(
                name: "IX_CasebookSignatures_ParticipantId",
                table: "CasebookSignatures",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_CasebookSignatures_SiteId",
                table: "CasebookSignatures",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_ClinicalCrfs_ParticipantId",
                table: "ClinicalCrfs",
                column: "ParticipantId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClinicalCrfs_SiteId_Status",
                table: "ClinicalCrfs",
                columns: new[] { "SiteId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_DataQueries_FormKey_RecordId_FieldName",
                table: "DataQueries",
                columns: new[] { "FormKey", "RecordId", "FieldName" });

            migrationBuilder.CreateIndex(
                name: "IX_DataQueries_ParticipantId",
                table: "DataQueries",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_DataQueries_SiteId_Status",
                table: "DataQueries",
                columns: new[] { "SiteId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_DataQueryMessages_QueryId",
                table: "DataQueryMessages",
                column: "QueryId");

            migrationBuilder.CreateIndex(
                name: "IX_Exclusions_ParticipantId",
                table: "Exclusions",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_Exclusions_SiteId_Status",
                table: "Exclusions",
                columns: new[] { "SiteId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_FormDrafts_UserId_FormKey_RecordId",
                table: "FormDrafts",
                columns: new[] { "UserId", "FormKey", "RecordId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImagingExams_ParticipantId",
                table: "ImagingExams",
                column: "ParticipantId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImagingExams_SiteId",
                table: "ImagingExams",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_ImagingInstances_SeriesId_SliceIndex",
                table: "ImagingInstances",
                columns: new[] { "SeriesId", "SliceIndex" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImagingInstances_Sha256",
                table: "ImagingInstances",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_ImagingSeries_ExamId_SeriesInstanceUid",
                table: "ImagingSeries",
                columns: new[] { "ExamId", "SeriesInstanceUid" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImagingSeries_SeriesInstanceUid",
                table: "ImagingSeries",
                column: "SeriesInstanceUid");

            migrationBuilder.CreateIndex(
                name: "IX_InferenceJobs_ExamId",
                table: "InferenceJobs",
                column: "ExamId");

            migrationBuilder.CreateIndex(
                name: "IX_InferenceJobs_Status_AvailableAtUtc",
                table: "InferenceJobs",
                columns: new[] { "Status", "AvailableAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_InferencePredictions_ExamId",
                table: "InferencePredictions",
                column: "ExamId");

            migrationBuilder.CreateIndex(
                name: "IX_InferencePredictions_JobId",
                table: "InferencePredictions",
                column: "JobId");

            migrationBuilder.CreateIndex(
                name: "IX_Lesions_ParticipantId_LesionNumber",
                table: "Lesions",
                columns: new[] { "ParticipantId", "LesionNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Lesions_SiteId_Status",
                table: "Lesions",
                columns: new[] { "SiteId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Participants_SiteId_Status",
                table: "Participants",
                columns: new[] { "SiteId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Participants_StudyId",
                table: "Participants",
                column: "StudyId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RegisteredModels_Name_Version",
                table: "RegisteredModels",
                columns: new[] { "Name", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RegisteredModels_Sha256",
                table: "RegisteredModels",
                column: "Sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Sites_Code",
                table: "Sites",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdjudicationReads");

            migrationBuilder.DropTable(
                name: "AnalysisPlans");

            migrationBuilder.DropTable(
                name: "AnalysisSettings");

            migrationBuilder.DropTable(
                name: "AnalysisSnapshots");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditChainHead");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "CasebookSignatures");

            migrationBuilder.DropTable(
                name: "ClinicalCrfs");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "DataQueryMessages");

            migrationBuilder.DropTable(
                name: "Exclusions");

            migrationBuilder.DropTable(
                name: "FormDrafts");

            migrationBuilder.DropTable(
                name: "ImagingInstances");

            migrationBuilder.DropTable(
                name: "ImagingSiteKeys");

            migrationBuilder.DropTable(
                name: "InferencePredictions");

            migrationBuilder.DropTable(
                name: "RegisteredModels");

            migrationBuilder.DropTable(
                name: "AdjudicationCases");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "DataQueries");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "ImagingSeries");

            migrationBuilder.DropTable(
                name: "InferenceJobs");

            migrationBuilder.DropTable(
                name: "Lesions");

            migrationBuilder.DropTable(
                name: "ImagingExams");

            migrationBuilder.DropTable(
                name: "Participants");

            migrationBuilder.DropTable(
                name: "Sites");
        }
    }
}
