using Microsoft.Extensions.Options;

namespace CustOrder.Api.Notifications;

public static class NotificationsSetup
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<LogSmsGateway>();
        services.AddHttpClient<AfricasTalkingGateway>((sp, client) =>
        {
            var settings = sp.GetRequiredService<IOptions<SmsOptions>>().Value.AfricasTalking;
            client.BaseAddress = settings.EffectiveBaseUrl;
            client.Timeout = settings.Timeout;
        });
        services.AddScoped<ISmsGateway>(sp => sp.GetRequiredService<IOptions<SmsOptions>>().Value.Provider == SmsProvider.AfricasTalking
            ? sp.GetRequiredService<AfricasTalkingGateway>()
            : sp.GetRequiredService<LogSmsGateway>());
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
