using CustOrder.Api.Auth;
using CustOrder.Api.Customers;
using CustOrder.Api.Items;
using CustOrder.Api.Notifications;
using CustOrder.Api.Orders;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CustOrder.Api.Data;

/// <summary>
/// The application's model. Each database provider has a subclass of its own so that each keeps
/// its own migration set (see <see cref="SqliteAppDbContext"/> and <see cref="PostgresAppDbContext"/>).
/// </summary>
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<IdentityUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    private TimeProvider? clock;

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Item> Items => Set<Item>();

    public DbSet<Order> Orders => Set<Order>();

    /// <summary>ASP.NET Core data protection keys (cookies, antiforgery), shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<TokenRedemption> TokenRedemptions => Set<TokenRedemption>();

    public DbSet<SmsNotification> SmsNotifications => Set<SmsNotification>();

    public DbSet<IdempotencyKey> IdempotencyKeys => Set<IdempotencyKey>();

    /// <summary>How check constraints spell a money amount in this provider's storage.</summary>
    protected abstract SqlDialect Dialect { get; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        // Identity's users and roles, then OpenIddict's applications, authorizations, scopes and tokens.
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.ApplyConfiguration(new CustomerConfiguration());
        builder.ApplyConfiguration(new ItemConfiguration(Dialect));
        builder.ApplyConfiguration(new OrderConfiguration(Dialect));
        builder.ApplyConfiguration(new TokenRedemptionConfiguration());
        builder.ApplyConfiguration(new SmsNotificationConfiguration());
        builder.ApplyConfiguration(new IdempotencyKeyConfiguration());
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampChangedEntities();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampChangedEntities();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    private void StampChangedEntities()
    {
        // A pooled context's constructor takes only its options; the app's clock (a singleton, faked in
        // tests) comes from the application's service provider.
        clock ??= this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?
            .GetService<TimeProvider>() ?? TimeProvider.System;
        var now = Timestamps.Now(clock);
        foreach (var entry in ChangeTracker.Entries<Entity>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    // Seeded data may bring its own creation time.
                    if (entry.Entity.DateCreated == default)
                    {
                        entry.Entity.DateCreated = now;
                    }

                    entry.Entity.DateModified = entry.Entity.DateCreated;
                    entry.Entity.Version = 1;
                    break;
                case EntityState.Modified:
                    entry.Entity.DateModified = now;
                    entry.Entity.Version++;
                    break;
            }
        }
    }
}
