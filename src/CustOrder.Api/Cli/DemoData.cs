using CustOrder.Api.Customers;
using CustOrder.Api.Data;
using CustOrder.Api.Items;
using CustOrder.Api.Orders;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Cli;

/// <summary>
/// A small shop's worth of demo data. Ids and values come from a fixed random seed, so running
/// the command again finds every row already there and adds nothing.
/// </summary>
public static class DemoData
{
    public const int CustomerCount = 20;
    public const int ItemCount = 10;
    public const int OrderCount = 50;

    private static readonly string[] FirstNames =
        ["Amina", "Brian", "Caroline", "David", "Esther", "Faith", "George", "Halima", "Ian", "Joyce", "Kevin", "Lucy", "Moses", "Njeri", "Otieno", "Purity", "Queen", "Ruth", "Samuel", "Wanjiku"];

    private static readonly string[] LastNames =
        ["Achieng", "Barasa", "Chebet", "Kamau", "Kariuki", "Kiprono", "Mwangi", "Njoroge", "Odhiambo", "Ouma", "Wafula", "Wambui"];

    private static readonly (string Name, ItemSize Size, decimal Price)[] Catalogue =
    [
        ("Cotton T-shirt", ItemSize.M, 799.00m), ("Cotton T-shirt", ItemSize.L, 799.00m), ("Denim jacket", ItemSize.L, 4500.00m),
        ("Hooded sweatshirt", ItemSize.XL, 2499.50m), ("Kitenge shirt", ItemSize.M, 1850.00m), ("Linen trousers", ItemSize.S, 2999.99m),
        ("Maasai shuka", ItemSize.XXL, 1200.00m), ("Rain coat", ItemSize.L, 3999.00m), ("Running shorts", ItemSize.M, 950.00m),
        ("Wool scarf", ItemSize.S, 650.00m),
    ];

    public static async Task<string> SeedAsync(AppDbContext db, IServiceProvider services, CancellationToken cancellationToken)
    {
        var phones = services.GetRequiredService<PhoneNumberNormalizer>();
        var now = Timestamps.Now(services.GetRequiredService<TimeProvider>());
        var random = new Random(20_261_203);

        var customers = Enumerable.Range(0, CustomerCount).Select(n => new Customer
        {
            Id = NextGuid(random),
            FirstName = FirstNames[n % FirstNames.Length],
            LastName = LastNames[random.Next(LastNames.Length)],
            PhoneNumber = phones.ToE164($"07{random.Next(10, 30)}{random.Next(0, 1_000_000):D6}")!,
            DateCreated = now.AddDays(-40).AddMinutes(n * 37),
        }).ToList();
        var items = Catalogue.Select((entry, n) => new Item
        {
            Id = NextGuid(random),
            Name = entry.Name,
            Size = entry.Size,
            Price = entry.Price,
            DateCreated = now.AddDays(-35).AddMinutes(n * 11),
        }).ToList();
        var orders = Enumerable.Range(0, OrderCount).Select(n =>
        {
            var order = new Order { Id = NextGuid(random), DateCreated = now.AddDays(-30).AddHours(n * 14.3) };
            order.Change(customers[random.Next(customers.Count)], items[random.Next(items.Count)], random.Next(1, 6));
            return order;
        }).ToList();

        var added = new[]
        {
            await AddMissingAsync(db, customers, cancellationToken),
            await AddMissingAsync(db, items, cancellationToken),
            await AddMissingAsync(db, orders, cancellationToken),
        };
        await db.SaveChangesAsync(cancellationToken);
        return $"{added[0]} customers, {added[1]} items and {added[2]} orders";
    }

    private static async Task<int> AddMissingAsync<T>(AppDbContext db, List<T> rows, CancellationToken cancellationToken)
        where T : Entity
    {
        var ids = rows.Select(row => row.Id).ToList();
        var existing = await db.Set<T>().Where(row => ids.Contains(row.Id)).Select(row => row.Id).ToListAsync(cancellationToken);
        var missing = rows.Where(row => !existing.Contains(row.Id)).ToList();
        foreach (var row in rows.Where(row => existing.Contains(row.Id)))
        {
            // Already stored: keep the tracked graph from inserting it again through an order.
            db.Attach(row);
        }

        db.Set<T>().AddRange(missing);
        return missing.Count;
    }

    private static Guid NextGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
