using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustOrder.Api.Orders;

/// <summary>
/// An <c>Idempotency-Key</c> a client sent with an order: a retried POST (say, after a timeout)
/// returns the order the first one created instead of creating, and texting, a second one.
/// Keys belong to the client (token subject) that sent them and are kept at least 24 hours.
/// </summary>
public sealed class IdempotencyKey
{
    public const string Header = "Idempotency-Key";

    /// <summary>SHA-256 of the client and its key: fixed length, and no raw key stored.</summary>
    public required string Id { get; init; }

    /// <summary>SHA-256 of the order as requested; the same key with another order is refused.</summary>
    public required string RequestHash { get; init; }

    public Guid OrderId { get; init; }

    public DateTimeOffset DateCreated { get; init; }

    public static string IdFor(string client, string key) => Sha256($"{client}\n{key}");

    public static string HashOf(OrderInput input) => Sha256($"{input.Customer}|{input.Item}|{input.Quantity}");

    /// <summary>A key is 1 to 200 visible ASCII characters (a UUID is the usual choice).</summary>
    public static bool IsWellFormed(string key) => key.Length is > 0 and <= 200 && key.All(c => c is > ' ' and <= '~');

    private static string Sha256(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

internal sealed class IdempotencyKeyConfiguration : IEntityTypeConfiguration<IdempotencyKey>
{
    public void Configure(EntityTypeBuilder<IdempotencyKey> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.Property(k => k.Id).HasMaxLength(64);
        builder.Property(k => k.RequestHash).HasMaxLength(64);
        // No foreign key: a key outlives its order, so a retry after a delete is refused, not re-run.
        builder.HasIndex(k => k.DateCreated);
    }
}
