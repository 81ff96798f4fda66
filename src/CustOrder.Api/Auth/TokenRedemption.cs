using CustOrder.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustOrder.Api.Auth;

/// <summary>
/// One row per authorization code or refresh token exchanged. OpenIddict marks a token redeemed
/// only after reading it as valid, so several requests racing with one refresh token could all
/// pass; inserting the token's id under a primary key lets exactly one of them through.
/// </summary>
public sealed class TokenRedemption
{
    public required string TokenId { get; init; }

    public DateTimeOffset RedeemedAt { get; init; }

    /// <summary>True for the first caller with this token id, false for every later (or concurrent) one.</summary>
    public static async Task<bool> TryClaimAsync(AppDbContext db, string tokenId, TimeProvider clock, CancellationToken cancellationToken)
    {
        db.TokenRedemptions.Add(new TokenRedemption { TokenId = tokenId, RedeemedAt = Timestamps.Now(clock) });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }
}

internal sealed class TokenRedemptionConfiguration : IEntityTypeConfiguration<TokenRedemption>
{
    public void Configure(EntityTypeBuilder<TokenRedemption> builder)
    {
        builder.HasKey(r => r.TokenId);
        builder.Property(r => r.TokenId).HasMaxLength(100);
        builder.HasIndex(r => r.RedeemedAt);
    }
}
