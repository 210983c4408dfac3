using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace StudyEdc.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddImagingAndInferenceQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ImagingExams",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ParticipantId = table.Column<int>(type: "integer", nullable: false),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PhasesConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                name: "ImagingSiteKeys",
                columns: table => new
                {
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    ProtectedKey = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "ImagingSeries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ExamId = table.Column<int>(type: "integer", nullable: false),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    SeriesInstanceUid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SeriesNumber = table.Column<int>(type: "integer", nullable: true),
                    SeriesDescription = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PhaseHint = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PhaseHintConfidence = table.Column<double>(type: "double precision", nullable: false),
                    ConfirmedPhase = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Columns = table.Column<int>(type: "integer", nullable: false),
                    Rows = table.Column<int>(type: "integer", nullable: false),
                    SliceCount = table.Column<int>(type: "integer", nullable: false),
                    SpacingX = table.Column<double>(type: "double precision", nullable: false),
                    SpacingY = table.Column<double>(type: "double precision", nullable: false),
                    SpacingZ = table.Column<double>(type: "double precision", nullable: false),
                    OriginX = table.Column<double>(type: "double precision", nullable: false),
                    OriginY = table.Column<double>(type: "double precision", nullable: false),
                    OriginZ = table.Column<double>(type: "double precision", nullable: false),
                    Directions = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Warnings = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ExamId = table.Column<int>(type: "integer", nullable: false),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    ArterialSeriesId = table.Column<int>(type: "integer", nullable: false),
                    PortalVenousSeriesId = table.Column<int>(type: "integer", nullable: false),
                    ModelName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ModelVersion = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ModelSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Step = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    MaxAttempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ClaimedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LeaseToken = table.Column<Guid>(type: "uuid", nullable: true),
                    LeaseExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AvailableAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CompletedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ExecutionProvider = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
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
                name: "ImagingInstances",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SeriesId = table.Column<int>(type: "integer", nullable: false),
                    SliceIndex = table.Column<int>(type: "integer", nullable: false),
                    Frame = table.Column<int>(type: "integer", nullable: false),
                    SopInstanceUid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
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
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JobId = table.Column<long>(type: "bigint", nullable: false),
                    ExamId = table.Column<int>(type: "integer", nullable: false),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    Malignancy = table.Column<double>(type: "double precision", nullable: false),
                    PatientMinX = table.Column<double>(type: "double precision", nullable: false),
                    PatientMinY = table.Column<double>(type: "double precision", nullable: false),
                    PatientMinZ = table.Column<double>(type: "double precision", nullable: false),
                    PatientMaxX = table.Column<double>(type: "double precision", nullable: false),
                    PatientMaxY = table.Column<double>(type: "double precision", nullable: false),
                    PatientMaxZ = table.Column<double>(type: "double precision", nullable: false),
                    ArterialI0 = table.Column<double>(type: "double precision", nullable: false),
                    ArterialJ0 = table.Column<double>(type: "double precision", nullable: false),
                    ArterialK0 = table.Column<double>(type: "double precision", nullable: false),
                    ArterialI1 = table.Column<double>(type: "double precision", nullable: false),
                    ArterialJ1 = table.Column<double>(type: "double precision", nullable: false),
                    ArterialK1 = table.Column<double>(type: "double precision", nullable: false),
                    PortalVenousI0 = table.Column<double>(type: "double precision", nullable: false),
                    PortalVenousJ0 = table.Column<double>(type: "double precision", nullable: false),
                    PortalVenousK0 = table.Column<double>(type: "double precision", nullable: false),
                    PortalVenousI1 = table.Column<double>(type: "double precision", nullable: false),
                    PortalVenousJ1 = table.Column<double>(type: "double precision", nullable: false),
                    PortalVenousK1 = table.Column<double>(type: "double precision", nullable: false),
                    ModelName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ModelVersion = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ModelSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImagingInstances");

            migrationBuilder.DropTable(
                name: "ImagingSiteKeys");

            migrationBuilder.DropTable(
                name: "InferencePredictions");

            migrationBuilder.DropTable(
                name: "ImagingSeries");

            migrationBuilder.DropTable(
                name: "InferenceJobs");

            migrationBuilder.DropTable(
                name: "ImagingExams");
        }
    }
}
