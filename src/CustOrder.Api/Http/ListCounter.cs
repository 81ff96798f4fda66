using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustOrder.Api.Http;

/// <summary>
/// The <c>count</c> of a list page without counting a long list on every request. Up to
/// <see cref="ListOptions.ExactCountUpTo"/> rows the count is exact, from a count that stops there;
/// above it, the list's exact count is kept for <see cref="ListOptions.LongCountFor"/> and then
/// recounted by one request while the others answer with the count they have. An exact COUNT(*)
/// costs time in proportion to the rows: over a million orders it would be most of a request's work.
/// </summary>
public sealed class ListCounter(IOptions<ListOptions> settings, TimeProvider clock)
{
    // Only long lists are kept, one entry per list and filters: few in practice, and capped.
    private const int MaxLists = 1000;

    private readonly ListOptions _options = settings.Value;
    private readonly ConcurrentDictionary<string, LongCount> _long = new(StringComparer.Ordinal);

    /// <summary>The count of <paramref name="query"/>; <paramref name="key"/> names the list and its filters.</summary>
    public async Task<ListCount> CountAsync<T>(string key, IQueryable<T> query, CancellationToken cancellationToken)
    {
        _long.TryGetValue(key, out var known);
        if (known is not null && (clock.GetElapsedTime(known.CountedAt) < _options.LongCountFor || !known.TryStartRecount()))
        {
            return new ListCount(known.Count, IsLong: true);
        }

        try
        {
            var bounded = await query.Take(_options.ExactCountUpTo + 1).CountAsync(cancellationToken);
            if (bounded <= _options.ExactCountUpTo)
            {
                _long.TryRemove(key, out _);
                return new ListCount(bounded, IsLong: false);
            }

            var count = await query.CountAsync(cancellationToken);
            if (_long.Count >= MaxLists)
            {
                _long.Clear();
            }

            _long[key] = new LongCount(count, clock.GetTimestamp());
            return new ListCount(count, IsLong: true);
        }
        catch when (known is not null)
        {
            // Let the next request recount.
            known.EndRecount();
            throw;
        }
    }

    private sealed class LongCount(int count, long countedAt)
    {
        private int _recounting;

        public int Count { get; } = count;

        public long CountedAt { get; } = countedAt;

        public bool TryStartRecount() => Interlocked.Exchange(ref _recounting, 1) == 0;

        public void EndRecount() => Interlocked.Exchange(ref _recounting, 0);
    }
}

/// <summary>A list's count; <see cref="IsLong"/> above <see cref="ListOptions.ExactCountUpTo"/>, where it may be some seconds old.</summary>
public readonly record struct ListCount(int Value, bool IsLong)
{
    /// <summary>
    /// Whether the page is cheaper read from the end of the list, in the reverse order: past the
    /// middle of a long list, OFFSET would step over more rows than are left after the page.
    /// </summary>
    public bool ReadFromEnd(PageRequest page) => IsLong && page.Offset > Value / 2 && page.Offset < Value;

    /// <summary>Rows to skip and take in the reverse order for <paramref name="page"/>; reverse what they give.</summary>
    public (int Skip, int Take) FromEnd(PageRequest page)
    {
        var end = Math.Min((long)page.Offset + page.Limit, Value);
        return ((int)(Value - end), (int)(end - page.Offset));
    }
}

/// <summary>How lists count their rows (configuration section <c>Lists</c>).</summary>
public sealed class ListOptions
{
    public int ExactCountUpTo { get; set; } = 1_000;

    public TimeSpan LongCountFor { get; set; } = TimeSpan.FromSeconds(10);
}

public static class ListCounting
{
    public static IServiceCollection AddListCounting(this IServiceCollection services)
    {
        services.AddOptions<ListOptions>().BindConfiguration("Lists")
            .Validate(o => o.ExactCountUpTo >= 0 && o.LongCountFor >= TimeSpan.Zero, "Lists:ExactCountUpTo and Lists:LongCountFor must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<ListCounter>();
        return services;
    }
}
