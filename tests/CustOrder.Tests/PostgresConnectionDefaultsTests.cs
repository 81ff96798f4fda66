using CustOrder.Api.Data;
using Npgsql;

namespace CustOrder.Tests;

public sealed class PostgresConnectionDefaultsTests
{
    [Fact]
    public void A_connection_string_without_them_gets_no_reset_on_close_auto_prepare_multiplexing_and_the_ssd_page_cost()
    {
        var settings = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPostgresDefaults("Host=db;Database=shop;Username=app;Password=secret"));

        Assert.True(settings.NoResetOnClose);
        Assert.True(settings.Multiplexing);
        Assert.Equal(64, settings.MaxAutoPrepare);
        Assert.Equal("-c random_page_cost=1.1", settings.Options);
        Assert.Equal("db", settings.Host);
        Assert.Equal("secret", settings.Password);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0;Multiplexing=false;Options=")]
    [InlineData("Host=db;noresetonclose=false;MaxAutoPrepare=0;multiplexing=false;options=")]
    public void Values_the_connection_string_sets_are_kept_however_they_are_spelled(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPostgresDefaults(connectionString));

        Assert.False(settings.NoResetOnClose);
        Assert.False(settings.Multiplexing);
        Assert.Equal(0, settings.MaxAutoPrepare);
        Assert.True(string.IsNullOrEmpty(settings.Options));
    }
}
