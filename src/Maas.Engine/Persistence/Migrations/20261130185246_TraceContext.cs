using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maas.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TraceContext : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "trace_parent",
                schema: "ai_engine",
                table: "task_state",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "trace_parent",
                schema: "ai_engine",
                table: "task_state");
        }
    }
}
