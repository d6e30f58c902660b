using Veza.Api.Startup;

namespace Veza.Api.Endpoints;

/// <summary>One feature's routes. Found by <see cref="EndpointGroups.AddEndpointGroups"/>, so a new feature adds a file, not a line in Program.</summary>
public interface IEndpointGroup
{
    void Map(IEndpointRouteBuilder app);
}

public static class EndpointGroups
{
    /// <summary>Registers every endpoint group of the API assembly.</summary>
    public static IServiceCollection AddEndpointGroups(this IServiceCollection services) =>
        services.AddApiImplementationsOf<IEndpointGroup>();

    /// <summary>Maps every registered group: the API's own and any registered elsewhere (a test, a later module).</summary>
    public static IEndpointRouteBuilder MapEndpointGroups(this IEndpointRouteBuilder app)
    {
        foreach (var group in app.ServiceProvider.GetServices<IEndpointGroup>())
        {
            group.Map(app);
        }

        return app;
    }
}
