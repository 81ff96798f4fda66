using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustOrder.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SmsOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    date_created = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sms_notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    recipient = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    message = table.Column<string>(type: "TEXT", maxLength: 1600, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    provider = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    provider_message_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    provider_status_code = table.Column<int>(type: "INTEGER", nullable: true),
                    cost = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    date_created = table.Column<long>(type: "INTEGER", nullable: false),
                    date_modified = table.Column<long>(type: "INTEGER", nullable: false),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: true),
                    delivered_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sms_notifications", x => x.id);
                    table.CheckConstraint("ck_sms_notifications_status", "status IN ('pending', 'sending', 'sent', 'delivered', 'failed')");
                    table.ForeignKey(
                        name: "fk_sms_notifications_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_keys_date_created",
                table: "idempotency_keys",
                column: "date_created");

            migrationBuilder.CreateIndex(
                name: "ix_sms_notifications_order_id",
                table: "sms_notifications",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_sms_notifications_provider_message_id",
                table: "sms_notifications",
                column: "provider_message_id");

            migrationBuilder.CreateIndex(
                name: "ix_sms_notifications_status_next_attempt_at",
                table: "sms_notifications",
                columns: new[] { "status", "next_attempt_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "idempotency_keys");

            migrationBuilder.DropTable(
                name: "sms_notifications");
        }
    }
}
