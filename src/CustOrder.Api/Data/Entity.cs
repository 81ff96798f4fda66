namespace CustOrder.Api.Data;

/// <summary>What every stored resource has: a public UUID, UTC timestamps and a version for optimistic concurrency.</summary>
public abstract class Entity
{
    // Version 7 UUIDs are time-ordered, so inserts append to the primary-key index instead of scattering.
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public DateTimeOffset DateCreated { get; set; }

    public DateTimeOffset DateModified { get; set; }

    /// <summary>Bumped on every update; the ETag and the EF concurrency token.</summary>
    public int Version { get; set; }

    public string ETag => $"\"{Version}\"";
}
