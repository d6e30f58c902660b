using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Veza.Application.Common.Messaging;
using Veza.Domain.Common;

namespace Veza.Application.Common.Jobs;

/// <summary>
/// A kind of job and how to run it: what the worker reads to claim, decode and dispatch. The defaults come
/// from the job type's <see cref="JobDefaultsAttribute"/> (null: the global ones).
/// </summary>
public sealed record JobKindRegistration(string Kind, Type JobType, Func<IServiceProvider, IJob, CancellationToken, Task> Run)
{
    public int? DefaultMaxAttempts { get; init; }

    public int? DefaultMaxParallelism { get; init; }
}

/// <summary>What to run when a job of <see cref="Kind"/> is given up (<see cref="IJobGivenUpHandler{TJob}"/>).</summary>
public sealed record JobGivenUpRegistration(string Kind, Func<IServiceProvider, IJob, string, CancellationToken, Task> Handle);

/// <summary>One typed consumer of one integration event type; <see cref="Consumer"/> keys its inbox rows.</summary>
public sealed record IntegrationEventConsumerRegistration(
    string Consumer, string EventType, Type EventClrType, Func<IServiceProvider, IIntegrationEvent, CancellationToken, Task> Handle);

/// <summary>
/// Registers job handlers and integration-event handlers (in the spirit of eShop's
/// <c>AddSubscription&lt;TEvent, THandler&gt;()</c>). The Application's own are found by scan; other
/// assemblies call these directly. The delegates are built here, once, so dispatch needs no reflection.
/// </summary>
public static partial class BackgroundWorkRegistration
{
    public static IServiceCollection AddJobHandler<TJob, THandler>(this IServiceCollection services)
        where TJob : class, IJob
        where THandler : class, IJobHandler<TJob>
    {
        services.TryAddScoped<THandler>();
        var defaults = typeof(TJob).GetCustomAttribute<JobDefaultsAttribute>();
        services.AddSingleton(new JobKindRegistration(
            NameOf(typeof(TJob), j => ((IJob)j).Kind), typeof(TJob), (sp, job, ct) => sp.GetRequiredService<THandler>().Handle((TJob)job, ct))
        {
            DefaultMaxAttempts = defaults is { MaxAttempts: > 0 } ? defaults.MaxAttempts : null,
            DefaultMaxParallelism = defaults is { MaxParallelism: > 0 } ? defaults.MaxParallelism : null,
        });
        return services;
    }

    public static IServiceCollection AddJobGivenUpHandler<TJob, THandler>(this IServiceCollection services)
        where TJob : class, IJob
        where THandler : class, IJobGivenUpHandler<TJob>
    {
        services.TryAddScoped<THandler>();
        services.AddSingleton(new JobGivenUpRegistration(
            NameOf(typeof(TJob), j => ((IJob)j).Kind), (sp, job, error, ct) => sp.GetRequiredService<THandler>().HandleGivenUp((TJob)job, error, ct)));
        return services;
    }

    public static IServiceCollection AddIntegrationEventConsumer<TEvent, THandler>(this IServiceCollection services)
        where TEvent : class, IIntegrationEvent
        where THandler : class, IIntegrationEventConsumer<TEvent>
    {
        services.TryAddScoped<THandler>();
        services.AddSingleton(new IntegrationEventConsumerRegistration(
            typeof(THandler).GetCustomAttribute<ConsumerNameAttribute>()?.Name ?? typeof(THandler).FullName!,
            NameOf(typeof(TEvent), e => ((IIntegrationEvent)e).EventType),
            typeof(TEvent),
            (sp, e, ct) => sp.GetRequiredService<THandler>().Handle((TEvent)e, ct)));
        return services;
    }

    /// <summary>Registers every job handler, given-up handler and integration-event handler declared in <paramref name="assembly"/>.</summary>
    public static IServiceCollection AddBackgroundHandlersFrom(this IServiceCollection services, Assembly assembly)
    {
        var addJob = typeof(BackgroundWorkRegistration).GetMethod(nameof(AddJobHandler))!;
        var addConsumer = typeof(BackgroundWorkRegistration).GetMethod(nameof(AddIntegrationEventConsumer))!;
        var addGivenUp = typeof(BackgroundWorkRegistration).GetMethod(nameof(AddJobGivenUpHandler))!;
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                var definition = contract.GetGenericTypeDefinition();
                var register = definition == typeof(IJobHandler<>) ? addJob
                    : definition == typeof(IIntegrationEventConsumer<>) ? addConsumer
                    : definition == typeof(IJobGivenUpHandler<>) ? addGivenUp
                    : null;
                register?.MakeGenericMethod(contract.GetGenericArguments()[0], type).Invoke(null, [services]);
            }
        }

        return services;
    }

    /// <summary>
    /// A job's kind and an event's type are constant instance properties (so an instance carries its
    /// own name onto the wire); registration reads them off an uninitialised instance of the type.
    /// </summary>
    private static string NameOf(Type type, Func<object, string> read)
    {
        var name = read(RuntimeHelpers.GetUninitializedObject(type));
        if (string.IsNullOrEmpty(name) || !NamePattern().IsMatch(name))
        {
            throw new InvalidOperationException($"{type.Name} must name itself with a constant like 'tracks.process' (lowercase words joined by dots); got '{name}'.");
        }

        return name;
    }

    [GeneratedRegex(@"\A[a-z0-9_]+(\.[a-z0-9_]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
