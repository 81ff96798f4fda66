using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Razor.Compilation;
using Microsoft.AspNetCore.Razor.Hosting;

namespace CustOrder.Api.Admin;

/// <summary>
/// Routes the pages of this feature folder. Razor Pages discovers pages under one root directory
/// (Auth/Pages); the back-office pages live with their feature in Admin/ and each declares its
/// absolute route (<c>@page "/admin/..."</c>), which this provider registers as the built-in one would.
/// </summary>
internal sealed class AdminPageRoutes(ApplicationPartManager parts) : IPageRouteModelProvider
{
    private const string Folder = "/Admin/";
    private const string RazorPageKind = "mvc.1.0.razor-page";

    // Right after the built-in provider (-1000), before the conventions run.
    public int Order => -999;

    public void OnProvidersExecuting(PageRouteModelProviderContext context)
    {
        var views = new ViewsFeature();
        parts.PopulateFeature(views);
        foreach (var view in views.ViewDescriptors)
        {
            if (!view.RelativePath.StartsWith(Folder, StringComparison.Ordinal) || view.Item?.Kind != RazorPageKind)
            {
                continue;
            }

            var template = view.Item.Metadata.OfType<RazorCompiledItemMetadataAttribute>()
                .FirstOrDefault(m => m.Key == "RouteTemplate")?.Value;
            if (template is null || !template.StartsWith('/'))
            {
                throw new InvalidOperationException($"{view.RelativePath} must declare an absolute route, such as @page \"/admin/...\".");
            }

            var viewEnginePath = view.RelativePath[..^".cshtml".Length];
            var model = new PageRouteModel(view.RelativePath, viewEnginePath);
            model.RouteValues.Add("page", viewEnginePath);
            model.Selectors.Add(new SelectorModel
            {
                AttributeRouteModel = new AttributeRouteModel { Template = AttributeRouteModel.CombineTemplates(viewEnginePath, template) },
                EndpointMetadata = { new PageRouteMetadata(viewEnginePath, template) },
            });
            context.RouteModels.Add(model);
        }
    }

    public void OnProvidersExecuted(PageRouteModelProviderContext context)
    {
    }
}
