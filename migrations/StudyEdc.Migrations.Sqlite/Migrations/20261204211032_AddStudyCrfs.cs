using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StudyEdc.Migrations.Sqlite.Migrations
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    ParticipantId = table.Column<int>(type: "INTEGER", nullable: false),
                    SignerUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SignerUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SignerDisplayName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    MeaningCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Meaning = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SignedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CoversAuditEntryId = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HepatitisB = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    HepatitisC = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Cirrhosis = table.Column<bool>(type: "INTEGER", nullable: true),
                    AfpValue = table.Column<decimal>(type: "TEXT", precision: 12, scale: 3, nullable: true),
                    AfpUnit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    AfpNgPerMl = table.Column<decimal>(type: "TEXT", precision: 12, scale: 3, nullable: true),
                    ReasonForCt = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ReasonForCtOther = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ScannerManufacturer = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ScannerModel = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ContrastAgent = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ContrastDoseMl = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: true),
                    NonContrastPhaseAcquired = table.Column<bool>(type: "INTEGER", nullable: true),
                    ArterialPhaseAcquired = table.Column<bool>(type: "INTEGER", nullable: true),
                    ArterialPhaseDelaySeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    PortalVenousPhaseAcquired = table.Column<bool>(type: "INTEGER", nullable: true),
                    PortalVenousPhaseDelaySeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    DelayedPhaseAcquired = table.Column<bool>(type: "INTEGER", nullable: true),
                    DelayedPhaseDelaySeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    ParticipantId = table.Column<int>(type: "INTEGER", nullable: false),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    ParticipantId = table.Column<int>(type: "INTEGER", nullable: false),
                    FormKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecordId = table.Column<int>(type: "INTEGER", nullable: false),
                    FieldName = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    IsAutomatic = table.Column<bool>(type: "INTEGER", nullable: false),
                    OpenedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    OpenedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OpenedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Criterion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Details = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ExclusionDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ParticipantId = table.Column<int>(type: "INTEGER", nullable: false),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LesionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    CouinaudSegment = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    LongestDiameterMm = table.Column<decimal>(type: "TEXT", precision: 6, scale: 1, nullable: true),
                    SeriesInstanceUid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FirstSlice = table.Column<int>(type: "INTEGER", nullable: true),
                    LastSlice = table.Column<int>(type: "INTEGER", nullable: true),
                    BoxX = table.Column<int>(type: "INTEGER", nullable: true),
                    BoxY = table.Column<int>(type: "INTEGER", nullable: true),
                    BoxWidth = table.Column<int>(type: "INTEGER", nullable: true),
                    BoxHeight = table.Column<int>(type: "INTEGER", nullable: true),
                    Nature = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ReferenceStandard = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    PathologyType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    PathologyTypeOther = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SpecimenDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SpecimenMethod = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    FollowUpModality1 = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    FollowUpDate1 = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FollowUpModality2 = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    FollowUpDate2 = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FollowUpOutcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ParticipantId = table.Column<int>(type: "INTEGER", nullable: false),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QueryId = table.Column<int>(type: "INTEGER", nullable: false),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    ParticipantId = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CorrectionMade = table.Column<bool>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    ParticipantId = table.Column<int>(type: "INTEGER", nullable: false),
                    LesionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ConsensusNature = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ConsensusLiRads = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    ConsensusNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ConsensusByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ConsensusByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConsensusAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    ParticipantId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReaderUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ReaderName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OpenedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Nature = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    LiRadsCategory = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Confidence = table.Column<int>(type: "INTEGER", nullable: true),
                    ReadingTimeSeconds = table.Column<int>(type: "INTEGER", nullable: true)
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
