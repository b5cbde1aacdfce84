using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Maas.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ProviderTokensAndOwnerEpochs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "owner_instance",
                schema: "ai_engine",
                table: "task_state",
                type: "character varying(320)",
                maxLength: 320,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(256)",
                oldMaxLength: 256,
                oldNullable: true);

            migrationBuilder.AddColumn<long>(
                name: "input_tokens",
                schema: "ai_engine",
                table: "task_state",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "output_tokens",
                schema: "ai_engine",
                table: "task_state",
                type: "bigint",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "instance_id",
                schema: "ai_engine",
                table: "engine_instance",
                type: "character varying(320)",
                maxLength: 320,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(256)",
                oldMaxLength: 256);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "input_tokens",
                schema: "ai_engine",
                table: "task_state");

            migrationBuilder.DropColumn(
                name: "output_tokens",
                schema: "ai_engine",
                table: "task_state");

            migrationBuilder.AlterColumn<string>(
                name: "owner_instance",
                schema: "ai_engine",
                table: "task_state",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(320)",
                oldMaxLength: 320,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "instance_id",
                schema: "ai_engine",
                table: "engine_instance",
                type: "character varying(256)",
                maxLength: 256,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(320)",
                oldMaxLength: 320);
        }
    }
}
