using System.Collections;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace DataOrchestrator.Api.Validation;

/// <summary>
/// Refuses what model binding lets through silently in a query string: an empty value (<c>?limit=</c> binds as if the
/// parameter were absent, <c>?status=</c> as a null entry) and a single-valued parameter given more than once (binding
/// keeps the first and drops the rest). Runs before the invalid-model-state filter, so the refusal is the usual 400 envelope.
/// </summary>
internal sealed class QueryParameterFilter : IActionFilter, IOrderedFilter
{
    public const string Empty = "Must not be empty.";
    public const string Repeated = "Given more than once; this parameter takes one value.";

    /// <summary>Before ApiController's ModelStateInvalidFilter (order -2000), which answers the 400.</summary>
    public int Order => -2100;

    public void OnActionExecuting(ActionExecutingContext context)
    {
        var query = context.HttpContext.Request.Query;
        foreach (var parameter in context.ActionDescriptor.Parameters)
        {
            if (parameter.BindingInfo?.BindingSource != BindingSource.Query)
            {
                continue;
            }

            var name = parameter.BindingInfo.BinderModelName ?? parameter.Name;
            if (!query.TryGetValue(name, out var values))
            {
                continue;
            }

            if (values.Any(string.IsNullOrWhiteSpace))
            {
                context.ModelState.AddModelError(name, Empty);
            }
            else if (values.Count > 1 && !IsCollection(parameter.ParameterType))
            {
                context.ModelState.AddModelError(name, Repeated);
            }
        }
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }

    private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);
}
