using CustOrder.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Admin.Orders;

/// <summary>The customers and items an order form or filter offers in its selects.</summary>
public sealed record OrderChoices(IReadOnlyList<Choice> Customers, IReadOnlyList<Choice> Items)
{
    /// <summary>A select stays usable up to this many entries; a larger shop searches the lists instead.</summary>
    public const int Limit = 1000;

    public static async Task<OrderChoices> LoadAsync(AppDbContext db, CancellationToken cancellationToken) => new(
        await db.Customers.AsNoTracking().OrderBy(c => c.LastName).ThenBy(c => c.FirstName).Take(Limit)
            .Select(c => new Choice(c.Id, c.LastName + ", " + c.FirstName + " (" + c.PhoneNumber + ")")).ToListAsync(cancellationToken),
        await db.Items.AsNoTracking().OrderBy(i => i.Name).ThenBy(i => i.Size).Take(Limit)
            .Select(i => new Choice(i.Id, i.Name + " (" + i.Size.ToString() + ")")).ToListAsync(cancellationToken));
}

public sealed record Choice(Guid Id, string Label);
