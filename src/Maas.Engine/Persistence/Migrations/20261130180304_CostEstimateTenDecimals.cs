using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maas.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CostEstimateTenDecimals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<decimal>(
                name: "cost_estimate",
                schema: "ai_engine",
                table: "task_state",
                type: "numeric(20,10)",
                precision: 20,
                scale: 10,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "numeric(18,6)",
                oldPrecision: 18,
                oldScale: 6,
                oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<decimal>(
                name: "cost_estimate",
                schema: "ai_engine",
                table: "task_state",
                type: "numeric(18,6)",
                precision: 18,
                scale: 6,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "numeric(20,10)",
                oldPrecision: 20,
                oldScale: 10,
                oldNullable: true);
        }
    }
}
