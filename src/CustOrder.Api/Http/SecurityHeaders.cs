namespace CustOrder.Api.Http;

/// <summary>Headers that keep pages from being framed, sniffed or leaking their URLs (codes travel in them).</summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; form-action 'self' http: https:; base-uri 'none'";
        return next(context);
    });
}
