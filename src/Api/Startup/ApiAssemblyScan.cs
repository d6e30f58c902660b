using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Veza.Api.Startup;

internal static class ApiAssemblyScan
{
    /// <summary>
    /// Registers every concrete <typeparamref name="T"/> of the API assembly, so a feature is picked up by
    /// adding its file. Ordered by name so Swagger and routing come out the same on every start.
    /// </summary>
    public static IServiceCollection AddApiImplementationsOf<T>(this IServiceCollection services)
        where T : class
    {
        var implementations = typeof(ApiAssemblyScan).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(T).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var implementation in implementations)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(T), implementation));
        }

        return services;
    }
}
