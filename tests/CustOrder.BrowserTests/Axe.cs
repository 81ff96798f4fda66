using System.Text.Json;
using Microsoft.Playwright;

namespace CustOrder.BrowserTests;

/// <summary>The axe-core accessibility check, run inside the page (Playwright's evaluate is not bound by the page's CSP).</summary>
internal static class Axe
{
    /// <summary>Fails with each serious or critical violation (rule, help, elements) on the page as it is now.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var source = await File.ReadAllTextAsync(TestFiles.RequireAxe(), TestContext.Current.CancellationToken);
        await page.EvaluateAsync(source);
        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const result = await axe.run(document, { resultTypes: ["violations"] });
              return result.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map(n => n.target.join(" ")).join(", ")}`);
            }
            """);
        var found = violations.EnumerateArray().Select(v => v.GetString()!).ToList();
        Assert.True(found.Count == 0, $"axe on {page.Url}:\n{string.Join("\n", found)}");
    }
}
