using CustOrder.Api.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustOrder.Api.Customers;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.FirstName).HasMaxLength(Limits.MaxNameLength);
        builder.Property(c => c.LastName).HasMaxLength(Limits.MaxNameLength);
        builder.Property(c => c.PhoneNumber).HasMaxLength(16);
        builder.Property(c => c.Version).IsConcurrencyToken();

        // Lists are newest first; the id breaks ties so pages never overlap.
        builder.HasIndex(c => new { c.DateCreated, c.Id });
        builder.HasIndex(c => c.LastName);
        builder.HasIndex(c => c.PhoneNumber);

        builder.ToTable(table =>
        {
            table.HasCheckConstraint("ck_customers_first_name", $"trim(first_name) <> '' AND length(first_name) <= {Limits.MaxNameLength}");
            table.HasCheckConstraint("ck_customers_last_name", $"trim(last_name) <> '' AND length(last_name) <= {Limits.MaxNameLength}");
            table.HasCheckConstraint("ck_customers_phone_number", "phone_number LIKE '+%' AND length(phone_number) BETWEEN 8 AND 16");
        });
    }
}
