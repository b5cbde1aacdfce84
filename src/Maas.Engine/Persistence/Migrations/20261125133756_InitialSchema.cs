using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maas.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "ai_engine");

            migrationBuilder.CreateTable(
                name: "engine_instance",
                schema: "ai_engine",
                columns: table => new
                {
                    instance_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_engine_instance", x => x.instance_id);
                });

            migrationBuilder.CreateTable(
                name: "task_state",
                schema: "ai_engine",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    current_state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    task_id = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    task_type = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    environment_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    agent_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    priority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    input_data = table.Column<string>(type: "jsonb", nullable: false),
                    timeout_seconds = table.Column<int>(type: "integer", nullable: false),
                    max_retries = table.Column<int>(type: "integer", nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    progress_percentage = table.Column<int>(type: "integer", nullable: false),
                    current_step = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    deadline_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retry_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    timeout_token_id = table.Column<Guid>(type: "uuid", nullable: true),
                    retry_token_id = table.Column<Guid>(type: "uuid", nullable: true),
                    output_data = table.Column<string>(type: "jsonb", nullable: true),
                    tokens_used = table.Column<long>(type: "bigint", nullable: true),
                    model_used = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    cost_estimate = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: true),
                    error_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    error_message = table.Column<string>(type: "text", nullable: true),
                    retryable = table.Column<bool>(type: "boolean", nullable: false),
                    error_data = table.Column<string>(type: "jsonb", nullable: true),
                    result_published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    owner_instance = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_state", x => x.correlation_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_task_state_task_id",
                schema: "ai_engine",
                table: "task_state",
                column: "task_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_task_state_unfinished",
                schema: "ai_engine",
                table: "task_state",
                column: "current_state",
                filter: "current_state IN ('Queued', 'InProgress')");

            migrationBuilder.CreateIndex(
                name: "ix_task_state_unpublished",
                schema: "ai_engine",
                table: "task_state",
                column: "finished_at",
                filter: "result_published_at IS NULL AND finished_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "engine_instance",
                schema: "ai_engine");

            migrationBuilder.DropTable(
                name: "task_state",
                schema: "ai_engine");
        }
    }
}
