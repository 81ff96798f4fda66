using CustOrder.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace CustOrder.Tests;

/// <summary>Console logs: JSON lines with scopes (trace ids) for log collectors outside Development.</summary>
public sealed class LogFormatTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public void Outside_development_the_console_writes_json_lines_with_scopes_and_utc_times()
    {
        var console = app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var json = app.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;

        Assert.Equal(ConsoleFormatterNames.Json, console.FormatterName);
        Assert.True(json.IncludeScopes);
        Assert.True(json.UseUtcTimestamp);
    }

    [Fact]
    public async Task In_development_the_console_writes_readable_lines()
    {
        await using var development = new DevelopmentApiFactory();

        var console = development.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;

        Assert.Equal(ConsoleFormatterNames.Simple, console.FormatterName);
    }
}

/// <summary>The app in the Development environment.</summary>
public sealed class DevelopmentApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
    }
}
