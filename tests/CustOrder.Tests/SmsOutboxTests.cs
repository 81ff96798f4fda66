using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CustOrder.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Tests;

/// <summary>Order confirmation SMS through the outbox and the real Africa's Talking client, against a fake provider.</summary>
public sealed class SmsOutboxTests(SmsApiFactory app) : IClassFixture<SmsApiFactory>
{
    private readonly HttpClient _client = app.CreateApiClient();

    private Shop Shop => new(_client);

    /// <summary>Polls the order until its SMS reaches <paramref name="status"/> (at most 15 s).</summary>
    private async Task<JsonElement> NotificationWhenAsync(JsonElement order, string status)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var current = await (await _client.FetchAsync($"/api/v1/orders/{order.Str("id")}")).ReadJsonAsync();
            var notification = current.GetProperty("notification");
            if (notification.Str("status") == status || clock.Elapsed > TimeSpan.FromSeconds(15))
            {
                Assert.True(status == notification.Str("status"), $"Expected {status}: {notification}");
                return notification;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private async Task<JsonElement> DetailsAsync(JsonElement order) =>
        (await (await _client.FetchAsync($"/api/v1/orders/{order.Str("id")}/notifications")).ReadJsonAsync())[0];

    private IEnumerable<ReceivedSms> SentTo(string phone) => app.Provider.Received.Where(r => r.To == phone);

    [Fact]
    public async Task An_order_sends_the_exact_text_with_credentials_and_records_the_message_id_and_cost()
    {
        var customer = await Shop.CustomerAsync(firstName: "Amina", lastName: "Achieng", phone: "0712 000 101");
        var order = await Shop.OrderAsync(customer, await Shop.ItemAsync(name: "Kitenge shirt", price: "19.99"), quantity: 3);

        await NotificationWhenAsync(order, "sent");

        var sms = Assert.Single(SentTo("+254712000101"));
        Assert.Equal("Hello Amina Achieng, your order of 3 Kitenge shirt(s), for a total of KES 59.97, is ready for pickup. Thank you for your service.", sms.Message);
        Assert.Equal("sandbox", sms.Username);
        Assert.Equal(SmsApiFactory.ApiKey, sms.ApiKey);
        Assert.Equal("application/json", sms.Accept);
        var details = await DetailsAsync(order);
        Assert.StartsWith("ATXid_", details.Str("provider_message_id"), StringComparison.Ordinal);
        Assert.Equal("KES 0.8000", details.Str("cost"));
        Assert.Equal(1, details.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task While_the_provider_is_down_orders_are_accepted_at_once_and_the_sms_follows_after_recovery()
    {
        var customer = await Shop.CustomerAsync(phone: "0712 000 102");
        var item = await Shop.ItemAsync();
        for (var n = 0; n < 3; n++)
        {
            app.Provider.ThenReply(500, "upstream exploded", "text/plain");
        }

        var clock = Stopwatch.StartNew();
        var order = await Shop.OrderAsync(customer, item);
        var accepted = clock.Elapsed;

        var notification = await NotificationWhenAsync(order, "sent");
        Assert.True(accepted < TimeSpan.FromSeconds(1), $"The order took {accepted}");
        Assert.Equal(4, notification.GetProperty("attempts").GetInt32());
        Assert.Equal(4, SentTo("+254712000102").Count());
    }

    [Fact]
    public async Task A_recipient_refused_inside_a_201_is_failed_never_sent_and_the_order_stays()
    {
        var customer = await Shop.CustomerAsync(phone: "0712 000 103");
        app.Provider.ThenRecipientStatus(403, "InvalidPhoneNumber");

        var order = await Shop.OrderAsync(customer, await Shop.ItemAsync());

        var notification = await NotificationWhenAsync(order, "failed");
        Assert.Contains("403", notification.Str("last_error"), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, notification.GetProperty("sent_at").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await _client.FetchAsync($"/api/v1/orders/{order.Str("id")}")).StatusCode);
    }

    [Theory]
    [InlineData("stall")]
    [InlineData("text")]
    [InlineData("xml")]
    [InlineData("insufficient-balance")]
    [InlineData("bad-api-key")]
    public async Task Timeouts_odd_bodies_and_retryable_codes_are_retried_until_sent(string trouble)
    {
        var customer = await Shop.CustomerAsync(phone: "0712 000 104");
        switch (trouble)
        {
            case "stall":
                app.Provider.ThenStall(TimeSpan.FromSeconds(3));
                break;
            case "text":
                app.Provider.ThenReply(201, "OK, sent!", "text/plain");
                break;
            case "xml":
                app.Provider.ThenReply(201, "<AfricasTalkingResponse><SMSMessageData/></AfricasTalkingResponse>", "application/xml");
                break;
            case "bad-api-key":
                app.Provider.ThenReply(401, "The supplied authentication is invalid", "text/plain");
                break;
            default:
                app.Provider.ThenRecipientStatus(405, "InsufficientBalance");
                break;
        }

        var order = await Shop.OrderAsync(customer, await Shop.ItemAsync());

        var notification = await NotificationWhenAsync(order, "sent");
        Assert.Equal(2, notification.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task A_delivery_report_marks_the_sms_delivered_and_a_bad_token_is_401()
    {
        var order = await Shop.OrderAsync(await Shop.CustomerAsync(phone: "0712 000 105"), await Shop.ItemAsync());
        await NotificationWhenAsync(order, "sent");
        var messageId = (await DetailsAsync(order)).Str("provider_message_id");
        var report = new Dictionary<string, string> { ["id"] = messageId, ["status"] = "Success", ["phoneNumber"] = "+254712000105" };
        var anonymous = app.CreateClient();

        var wrong = await anonymous.PostAsync("/webhooks/africastalking/delivery?token=nope", new FormUrlEncodedContent(report), TestContext.Current.CancellationToken);
        var missing = await anonymous.PostAsync("/webhooks/africastalking/delivery", new FormUrlEncodedContent(report), TestContext.Current.CancellationToken);
        var unknown = await anonymous.PostAsync($"/webhooks/africastalking/delivery?token={SmsApiFactory.DeliveryToken}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = "ATXid_unknown", ["status"] = "Success" }), TestContext.Current.CancellationToken);
        var right = await anonymous.PostAsync($"/webhooks/africastalking/delivery?token={SmsApiFactory.DeliveryToken}", new FormUrlEncodedContent(report), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        await NotificationWhenAsync(order, "delivered");
    }

    [Fact]
    public async Task An_idempotency_key_replayed_returns_the_same_order_and_sends_one_sms()
    {
        var customer = await Shop.CustomerAsync(phone: "0712 000 107");
        var item = await Shop.ItemAsync();
        var key = Guid.NewGuid().ToString();
        Task<HttpResponseMessage> PostAsync(int quantity)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
            {
                Content = HttpExtensions.JsonContent(new { customer = customer.Str("id"), item = item.Str("id"), quantity }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return _client.SendAsync(request, TestContext.Current.CancellationToken);
        }

        var first = await (await PostAsync(2)).ReadJsonAsync(HttpStatusCode.Created);
        var replays = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync(2)));
        var different = await PostAsync(3);

        foreach (var replay in replays)
        {
            Assert.Equal(first.Str("id"), (await replay.ReadJsonAsync(HttpStatusCode.Created)).Str("id"));
        }

        await different.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        await NotificationWhenAsync(first, "sent");
        var orders = await (await _client.FetchAsync($"/api/v1/orders?customer={customer.Str("id")}")).ReadJsonAsync();
        Assert.Equal(1, orders.GetProperty("count").GetInt32());
        Assert.Single(SentTo("+254712000107"));
    }

    [Fact]
    public async Task A_key_whose_order_was_deleted_is_refused_not_run_again()
    {
        var customer = await Shop.CustomerAsync(phone: "0712 000 110");
        var item = await Shop.ItemAsync();
        var body = new { customer = customer.Str("id"), item = item.Str("id"), quantity = 1 };
        HttpRequestMessage Post(params string[] keys)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = HttpExtensions.JsonContent(body) };
            foreach (var key in keys)
            {
                request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            }

            return request;
        }

        var key = Guid.NewGuid().ToString();
        var order = await (await _client.SendAsync(Post(key), TestContext.Current.CancellationToken)).ReadJsonAsync(HttpStatusCode.Created);
        (await _client.DeleteAsync($"/api/v1/orders/{order.Str("id")}", ifMatch: null)).EnsureSuccessStatusCode();

        var afterDelete = await _client.SendAsync(Post(key), TestContext.Current.CancellationToken);
        var twoKeys = await _client.SendAsync(Post("k1", "k2"), TestContext.Current.CancellationToken);
        var blank = await _client.SendAsync(Post("   "), TestContext.Current.CancellationToken);

        await afterDelete.ReadProblemAsync(HttpStatusCode.Conflict);
        await twoKeys.ReadProblemAsync(HttpStatusCode.BadRequest);
        await blank.ReadProblemAsync(HttpStatusCode.BadRequest);
        var orders = await (await _client.FetchAsync($"/api/v1/orders?customer={customer.Str("id")}")).ReadJsonAsync();
        Assert.Equal(0, orders.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task The_sms_reaches_the_provider_promptly_after_the_order_commits()
    {
        var customer = await Shop.CustomerAsync(phone: "0712 000 108");
        var item = await Shop.ItemAsync();
        var delays = new List<double>();
        for (var n = 1; n <= 100; n++)
        {
            var before = app.Provider.Received.Count;
            var clock = Stopwatch.StartNew();
            await Shop.OrderAsync(customer, item, n);
            while (app.Provider.Received.Count == before && clock.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Delay(1, TestContext.Current.CancellationToken);
            }

            delays.Add(clock.Elapsed.TotalMilliseconds);
        }

        delays.Sort();
        TestContext.Current.SendDiagnosticMessage($"Order POST to SMS at the provider, over 100 orders: median {delays[49]:0.0} ms, max {delays[^1]:0.0} ms ({app.Database.Provider}).");
        Assert.Equal(100, SentTo("+254712000108").Count());
    }

    [Fact]
    public async Task A_failed_delivery_report_marks_the_sms_failed_with_the_reason()
    {
        var order = await Shop.OrderAsync(await Shop.CustomerAsync(phone: "0712 000 109"), await Shop.ItemAsync());
        await NotificationWhenAsync(order, "sent");
        var messageId = (await DetailsAsync(order)).Str("provider_message_id");

        var response = await app.CreateClient().PostAsync($"/webhooks/africastalking/delivery?token={SmsApiFactory.DeliveryToken}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = messageId, ["status"] = "Failed", ["failureReason"] = "AbsentSubscriber" }),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notification = await NotificationWhenAsync(order, "failed");
        Assert.Contains("AbsentSubscriber", notification.Str("last_error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_not_lost()
    {
        using var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var database = TestDatabase.Create();
        try
        {
            await using var unreachable = new SmsInstance(database, app.Provider) { ProviderUrl = $"http://127.0.0.1:{port}" };
            await unreachable.InitializeAsync();
            var shop = new Shop(unreachable.CreateApiClient());
            var order = await shop.OrderAsync(await shop.CustomerAsync(), await shop.ItemAsync());

            var clock = Stopwatch.StartNew();
            Api.Notifications.SmsNotification row;
            do
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
                row = await unreachable.WithDbAsync(db => db.SmsNotifications.AsNoTracking().SingleAsync(n => n.OrderId == Guid.Parse(order.Str("id"))));
            }
            while (row.Attempts < 2 && clock.Elapsed < TimeSpan.FromSeconds(10));

            Assert.True(row.Attempts >= 2, $"attempts {row.Attempts}");
            Assert.NotEqual(Api.Notifications.SmsStatus.Sent, row.Status);
            Assert.StartsWith("Network error", row.LastError, StringComparison.Ordinal);
        }
        finally
        {
            await database.DropAsync();
        }
    }

    [Fact]
    public async Task Africas_talking_without_an_api_key_refuses_to_start()
    {
        await using var misconfigured = new MisconfiguredSmsFactory();

        var failure = Assert.ThrowsAny<Exception>(() => misconfigured.StartServer());

        Assert.Contains("Sms:AfricasTalking:ApiKey", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_sms_can_be_retried_once_the_problem_is_fixed()
    {
        var customer = await Shop.CustomerAsync(phone: "0712 000 106");
        app.Provider.ThenRecipientStatus(406, "UserInBlacklist");
        var order = await Shop.OrderAsync(customer, await Shop.ItemAsync());
        var failed = await NotificationWhenAsync(order, "failed");

        var retry = await _client.PostJsonAsync($"/api/v1/notifications/{failed.Str("id")}/retry", new { });
        var again = await _client.PostJsonAsync($"/api/v1/notifications/{failed.Str("id")}/retry", new { });

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await NotificationWhenAsync(order, "sent");
        await (await _client.PostJsonAsync($"/api/v1/notifications/{failed.Str("id")}/retry", new { })).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.True(again.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict);
    }
}

/// <summary>Africa's Talking chosen, but no API key given.</summary>
public sealed class MisconfiguredSmsFactory : ApiFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Sms:Provider", "AfricasTalking");
        builder.UseSetting("Sms:AfricasTalking:Username", "sandbox");
    }
}
