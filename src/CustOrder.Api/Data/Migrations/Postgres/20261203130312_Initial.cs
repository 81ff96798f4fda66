using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustOrder.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "customers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    first_name = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    last_name = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    phone_number = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    date_created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    date_modified = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customers", x => x.id);
                    table.CheckConstraint("ck_customers_first_name", "trim(first_name) <> '' AND length(first_name) <= 250");
                    table.CheckConstraint("ck_customers_last_name", "trim(last_name) <> '' AND length(last_name) <= 250");
                    table.CheckConstraint("ck_customers_phone_number", "phone_number LIKE '+%' AND length(phone_number) BETWEEN 8 AND 16");
                });

            migrationBuilder.CreateTable(
                name: "items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    size = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    price = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    date_created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    date_modified = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_items", x => x.id);
                    table.CheckConstraint("ck_items_name", "trim(name) <> '' AND length(name) <= 250");
                    table.CheckConstraint("ck_items_price", "price >= 0 AND price <= 99999999.99");
                    table.CheckConstraint("ck_items_size", "size IN ('S', 'M', 'L', 'XL', 'XXL')");
                });

            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    unit_price = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    total = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    date_created = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    date_modified = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders", x => x.id);
                    table.CheckConstraint("ck_orders_quantity", "quantity BETWEEN 1 AND 1000000");
                    table.CheckConstraint("ck_orders_total", "total = unit_price * quantity");
                    table.CheckConstraint("ck_orders_unit_price", "unit_price >= 0 AND unit_price <= 99999999.99");
                    table.ForeignKey(
                        name: "fk_orders_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_orders_items_item_id",
                        column: x => x.item_id,
                        principalTable: "items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customers_date_created_id",
                table: "customers",
                columns: new[] { "date_created", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_last_name",
                table: "customers",
                column: "last_name");

            migrationBuilder.CreateIndex(
                name: "ix_customers_phone_number",
                table: "customers",
                column: "phone_number");

            migrationBuilder.CreateIndex(
                name: "ix_items_date_created_id",
                table: "items",
                columns: new[] { "date_created", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_items_name",
                table: "items",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_items_price",
                table: "items",
                column: "price");

            migrationBuilder.CreateIndex(
                name: "ix_items_size",
                table: "items",
                column: "size");

            migrationBuilder.CreateIndex(
                name: "ix_orders_customer_id_date_created",
                table: "orders",
                columns: new[] { "customer_id", "date_created" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_date_created_id",
                table: "orders",
                columns: new[] { "date_created", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_item_id_date_created",
                table: "orders",
                columns: new[] { "item_id", "date_created" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_total",
                table: "orders",
                column: "total");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "orders");

            migrationBuilder.DropTable(
                name: "customers");

            migrationBuilder.DropTable(
                name: "items");
        }
    }
}
