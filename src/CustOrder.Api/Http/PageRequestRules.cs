using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace CustOrder.Api.Http;

/// <summary>
/// What a page cannot answer, refused as a problem document before the page runs: a method or
/// handler it has no handler for (Razor Pages would otherwise render the page without its data), and
/// a post that is not a form (reading <c>Request.Form</c> would throw).
/// </summary>
public sealed class PageRequestRules : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return next();
        }

        if (context.HandlerMethod is null)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            return Task.CompletedTask;
        }

        if (!request.HasFormContentType)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status415UnsupportedMediaType);
            return Task.CompletedTask;
        }

        return next();
    }
}
