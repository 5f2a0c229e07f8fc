using AgentPlatform.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="WorkflowLimitsOptions"/> with its validator, checked at start-up.</summary>
public static class WorkflowLimitsServiceCollectionExtensions
{
    /// <summary>Adds the definition limits; <paramref name="configure"/> may change the defaults (for example by binding
    /// <see cref="WorkflowLimitsOptions.SectionName"/>). Calling it twice is harmless.</summary>
    public static IServiceCollection AddWorkflowLimits(this IServiceCollection services, Action<WorkflowLimitsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<WorkflowLimitsOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkflowLimitsOptions>, WorkflowLimitsOptionsValidator>());
        return services;
    }
}
