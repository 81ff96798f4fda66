namespace CustOrder.Api.Notifications;

/// <summary>
/// Wakes this instance's dispatcher as soon as an order commits, so the SMS leaves at once instead
/// of at the next poll. Other instances find the row by polling.
/// </summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Notify()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers every row committed before it runs.
        }
    }

    public void Dispose() => _wake.Dispose();

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _wake.WaitAsync(timeout, cancellationToken);
}
