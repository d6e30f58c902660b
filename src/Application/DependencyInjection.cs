using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Veza.Application.Auth;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Jobs;
using Veza.Application.Common.Models;

namespace Veza.Application;

public static class DependencyInjection
{
    /// <summary>
    /// MediatR 5 has no DI package here, so handlers, notification handlers and validators are
    /// registered by scanning this assembly. Behaviours run in registration order (first = outermost).
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        // One message per field: the first rule that fails says what to fix.
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;

        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();

        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(PerformanceBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnitOfWorkBehaviour<,>));

        var openInterfaces = new[] { typeof(IRequestHandler<,>), typeof(INotificationHandler<>), typeof(IValidator<>) };
        foreach (var type in typeof(DependencyInjection).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && openInterfaces.Contains(i.GetGenericTypeDefinition())))
            {
                services.AddScoped(contract, type);
            }

            // Every paged query gets the shared page/limit rule beside its own validator.
            if (typeof(IPagedQuery).IsAssignableFrom(type))
            {
                services.AddScoped(typeof(IValidator<>).MakeGenericType(type), typeof(PageRequestRules<>).MakeGenericType(type));
            }
        }

        services.AddBackgroundHandlersFrom(typeof(DependencyInjection).Assembly);

        services.AddScoped<SessionIssuer>();
        services.AddScoped<LoginGuard>();
        services.AddSingleton(Domain.Sessions.SessionLifetime.Default);
        return services;
    }
}
