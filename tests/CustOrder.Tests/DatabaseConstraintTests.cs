using System.Data.Common;
using CustOrder.Api.Customers;
using CustOrder.Api.Items;
using CustOrder.Api.Orders;
using CustOrder.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Tests;

/// <summary>The database refuses bad rows by itself, whatever writes them (checks, restricting foreign keys).</summary>
public sealed class DatabaseConstraintTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static Customer NewCustomer() => new() { FirstName = "Jane", LastName = "Doe", PhoneNumber = "+254712345678" };

    private static Item NewItem(decimal price = 10m, ItemSize size = ItemSize.M) => new() { Name = "Shirt", Size = size, Price = price };

    private Task<int> SaveAsync(params object[] rows) => app.WithDbAsync(db =>
    {
        db.AddRange(rows);
        return db.SaveChangesAsync(TestContext.Current.CancellationToken);
    });

    [Theory]
    [InlineData(-0.01)]
    [InlineData(100_000_000.00)]
    public async Task A_price_out_of_range_is_refused(double price)
    {
        await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(NewItem((decimal)price)));
    }

    [Fact]
    public async Task A_blank_name_is_refused()
    {
        var customer = NewCustomer();
        customer.LastName = "   ";

        await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(customer));
    }

    [Fact]
    public async Task A_quantity_of_zero_is_refused()
    {
        var order = new Order();
        order.Change(NewCustomer(), NewItem(), 0);

        await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(order));
    }

    [Fact]
    public async Task A_total_that_is_not_unit_price_times_quantity_is_refused()
    {
        var order = new Order();
        order.Change(NewCustomer(), NewItem(19.99m), 3);
        await SaveAsync(order);

        await Assert.ThrowsAnyAsync<DbException>(() => app.WithDbAsync(db =>
            db.Orders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Total, 60m), TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Deleting_a_customer_or_item_with_orders_is_refused_by_the_foreign_keys()
    {
        var (customer, item) = (NewCustomer(), NewItem());
        var order = new Order();
        order.Change(customer, item, 1);
        await SaveAsync(order);

        await Assert.ThrowsAnyAsync<DbException>(() => app.WithDbAsync(db =>
            db.Customers.Where(c => c.Id == customer.Id).ExecuteDeleteAsync(TestContext.Current.CancellationToken)));
        await Assert.ThrowsAnyAsync<DbException>(() => app.WithDbAsync(db =>
            db.Items.Where(i => i.Id == item.Id).ExecuteDeleteAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Orders.CountAsync(o => o.Id == order.Id, TestContext.Current.CancellationToken)));
    }
}
