using CustOrder.Api.Data;
using CustOrder.Api.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustOrder.Api.Orders;

internal sealed class OrderConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.Property(o => o.UnitPrice).HasPrecision(10, 2);
        // Up to 1,000,000 × 99,999,999.99: fourteen digits before the point.
        builder.Property(o => o.Total).HasPrecision(16, 2);
        builder.Property(o => o.Version).IsConcurrencyToken();

        // Deleting a customer or item with orders is refused, never cascaded.
        builder.HasOne(o => o.Customer).WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.Item).WithMany().HasForeignKey(o => o.ItemId).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(o => new { o.DateCreated, o.Id });
        builder.HasIndex(o => new { o.CustomerId, o.DateCreated });
        builder.HasIndex(o => new { o.ItemId, o.DateCreated });
        builder.HasIndex(o => o.Total);

        builder.ToTable(table =>
        {
            table.HasCheckConstraint("ck_orders_quantity", $"quantity BETWEEN 1 AND {Limits.MaxQuantity}");
            table.HasCheckConstraint("ck_orders_unit_price", $"unit_price >= 0 AND unit_price <= {dialect.Money(Limits.MaxPrice)}");
            table.HasCheckConstraint("ck_orders_total", "total = unit_price * quantity");
        });
    }
}
