using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maas.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class McpToolCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "tool_calls",
                schema: "ai_engine",
                table: "task_state",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "tool_calls_by_name",
                schema: "ai_engine",
                table: "task_state",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "tool_calls",
                schema: "ai_engine",
                table: "task_state");

            migrationBuilder.DropColumn(
                name: "tool_calls_by_name",
                schema: "ai_engine",
                table: "task_state");
        }
    }
}
