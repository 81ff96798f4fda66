using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Data;

/// <summary>
/// The data protection key ring's own view of the <c>data_protection_keys</c> table, which
/// <see cref="AppDbContext"/> owns and migrates. ASP.NET Core reads and writes keys synchronously,
/// and a multiplexed PostgreSQL connection (the app's default) runs commands only asynchronously,
/// so this context connects without multiplexing. Keys are read at start and when the ring is
/// refreshed, so these few unpooled connections cost nothing on the request path.
/// </summary>
public sealed class KeyRingDbContext(DbContextOptions<KeyRingDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}
