using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustOrder.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SmsTraceParent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "trace_parent",
                table: "sms_notifications",
                type: "TEXT",
                maxLength: 55,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "trace_parent",
                table: "sms_notifications");
        }
    }
}
