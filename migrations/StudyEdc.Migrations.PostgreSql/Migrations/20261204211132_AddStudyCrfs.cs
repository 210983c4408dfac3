using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace StudyEdc.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddStudyCrfs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CasebookSignatures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    ParticipantId = table.Column<int>(type: "integer", nullable: false),
                    SignerUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    SignerUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SignerDisplayName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    MeaningCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Meaning = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    SignedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    HepatitisB = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    HepatitisC = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Cirrhosis = table.Column<bool>(type: "boolean", nullable: true),
                    AfpValue = table.Column<decimal>(type: "numeric(12,3)", precision: 12, scale: 3, nullable: true),
                    AfpUnit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    AfpNgPerMl = table.Column<decimal>(type: "numeric(12,3)", precision: 12, scale: 3, nullable: true),
                    ReasonForCt = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ReasonForCtOther = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ScannerManufacturer = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ScannerModel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ContrastAgent = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ContrastDoseMl = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: true),
                    NonContrastPhaseAcquired = table.Column<bool>(type: "boolean", nullable: true),
                    ArterialPhaseAcquired = table.Column<bool>(type: "boolean", nullable: true),
                    ArterialPhaseDelaySeconds = table.Column<int>(type: "integer", nullable: true),
                    PortalVenousPhaseAcquired = table.Column<bool>(type: "boolean", nullable: true),
                    PortalVenousPhaseDelaySeconds = table.Column<int>(type: "integer", nullable: true),
                    DelayedPhaseAcquired = table.Column<bool>(type: "boolean", nullable: true),
                    DelayedPhaseDelaySeconds = table.Column<int>(type: "integer", nullable: true),
                    ParticipantId = table.Column<int>(type: "integer", nullable: false),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    ParticipantId = table.Column<int>(type: "integer", nullable: false),
                    FormKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecordId = table.Column<int>(type: "integer", nullable: false),
                    FieldName = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    IsAutomatic = table.Column<bool>(type: "boolean", nullable: false),
                    OpenedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    OpenedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OpenedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Criterion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Details = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ExclusionDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ParticipantId = table.Column<int>(type: "integer", nullable: false),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                name: "Lesions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LesionNumber = table.Column<int>(type: "integer", nullable: false),
                    CouinaudSegment = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    LongestDiameterMm = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: true),
                    SeriesInstanceUid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    FirstSlice = table.Column<int>(type: "integer", nullable: true),
                    LastSlice = table.Column<int>(type: "integer", nullable: true),
                    BoxX = table.Column<int>(type: "integer", nullable: true),
                    BoxY = table.Column<int>(type: "integer", nullable: true),
                    BoxWidth = table.Column<int>(type: "integer", nullable: true),
                    BoxHeight = table.Column<int>(type: "integer", nullable: true),
                    Nature = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ReferenceStandard = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    PathologyType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    PathologyTypeOther = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SpecimenDate = table.Column<DateOnly>(type: "date", nullable: true),
                    SpecimenMethod = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    FollowUpModality1 = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    FollowUpDate1 = table.Column<DateOnly>(type: "date", nullable: true),
                    FollowUpModality2 = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    FollowUpDate2 = table.Column<DateOnly>(type: "date", nullable: true),
                    FollowUpOutcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ParticipantId = table.Column<int>(type: "integer", nullable: false),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    QueryId = table.Column<int>(type: "integer", nullable: false),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    ParticipantId = table.Column<int>(type: "integer", nullable: false),
                    Action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CorrectionMade = table.Column<bool>(type: "boolean", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "AdjudicationCases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    ParticipantId = table.Column<int>(type: "integer", nullable: false),
                    LesionId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ConsensusNature = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ConsensusLiRads = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    ConsensusNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ConsensusByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ConsensusByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConsensusAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                name: "AdjudicationReads",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<int>(type: "integer", nullable: false),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    ParticipantId = table.Column<int>(type: "integer", nullable: false),
                    ReaderUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ReaderName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OpenedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Nature = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    LiRadsCategory = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Confidence = table.Column<int>(type: "integer", nullable: true),
                    ReadingTimeSeconds = table.Column<int>(type: "integer", nullable: true)
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
                name: "IX_Lesions_ParticipantId_LesionNumber",
                table: "Lesions",
                columns: new[] { "ParticipantId", "LesionNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Lesions_SiteId_Status",
                table: "Lesions",
                columns: new[] { "SiteId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdjudicationReads");

            migrationBuilder.DropTable(
                name: "CasebookSignatures");

            migrationBuilder.DropTable(
                name: "ClinicalCrfs");

            migrationBuilder.DropTable(
                name: "DataQueryMessages");

            migrationBuilder.DropTable(
                name: "Exclusions");

            migrationBuilder.DropTable(
                name: "AdjudicationCases");

            migrationBuilder.DropTable(
                name: "DataQueries");

            migrationBuilder.DropTable(
                name: "Lesions");
        }
    }
}
