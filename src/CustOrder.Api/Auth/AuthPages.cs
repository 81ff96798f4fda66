namespace CustOrder.Api.Auth;

public static class AuthPages
{
    /// <summary>Routes that only lead elsewhere: the original's admin login goes to the one login page.</summary>
    public static IEndpointRouteBuilder MapAuthPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/login", (HttpRequest request) =>
        {
            var next = request.Query["next"].ToString() is { Length: > 0 } value ? value : request.Query["ReturnUrl"].ToString();
            var target = "/accounts/login/" + (next.Length > 0 ? QueryString.Create("ReturnUrl", next) : QueryString.Empty);
            return Results.Redirect(target);
        }).ExcludeFromDescription();
        return app;
    }
}
