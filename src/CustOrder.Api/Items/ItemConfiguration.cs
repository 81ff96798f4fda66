using CustOrder.Api.Data;
using CustOrder.Api.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustOrder.Api.Items;

internal sealed class ItemConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<Item>
{
    public void Configure(EntityTypeBuilder<Item> builder)
    {
        builder.Property(i => i.Name).HasMaxLength(Limits.MaxNameLength);
        builder.Property(i => i.Size).HasConversion<string>().HasMaxLength(3);
        builder.Property(i => i.Price).HasPrecision(10, 2);
        builder.Property(i => i.Version).IsConcurrencyToken();

        builder.HasIndex(i => new { i.DateCreated, i.Id });
        builder.HasIndex(i => i.Name);
        builder.HasIndex(i => i.Price);
        builder.HasIndex(i => i.Size);

        var sizes = string.Join(", ", Enum.GetNames<ItemSize>().Select(size => $"'{size}'"));
        builder.ToTable(table =>
        {
            table.HasCheckConstraint("ck_items_name", $"trim(name) <> '' AND length(name) <= {Limits.MaxNameLength}");
            table.HasCheckConstraint("ck_items_size", $"size IN ({sizes})");
            table.HasCheckConstraint("ck_items_price", $"price >= 0 AND price <= {dialect.Money(Limits.MaxPrice)}");
        });
    }
}
