using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustOrder.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SmsDueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sms_notifications_status_next_attempt_at",
                table: "sms_notifications");

            migrationBuilder.CreateIndex(
                name: "ix_sms_notifications_due",
                table: "sms_notifications",
                column: "next_attempt_at",
                filter: "status IN ('pending', 'sending')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sms_notifications_due",
                table: "sms_notifications");

            migrationBuilder.CreateIndex(
                name: "ix_sms_notifications_status_next_attempt_at",
                table: "sms_notifications",
                columns: new[] { "status", "next_attempt_at" });
        }
    }
}
