using System.Diagnostics;
using OpenTelemetry;

namespace CustOrder.Api.Observability;

/// <summary>
/// Drops database spans that belong to no trace: the dispatcher polls the outbox twice a second, and
/// each poll would otherwise be a trace of its own. Queries made for a request or a send are kept.
/// </summary>
internal sealed class DatabaseSpanFilter : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        if (data.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal) && data.ParentSpanId == default)
        {
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }
}
