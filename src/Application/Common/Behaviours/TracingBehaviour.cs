using System.Diagnostics;
using MediatR;

namespace Veza.Application.Common.Behaviours;

/// <summary>The use cases' activity source, named here so the composition root can listen to it.</summary>
public static class TracingBehaviourSource
{
    public const string Name = "Veza.Application";

    public static readonly ActivitySource Source = new(Name);
}

/// <summary>
/// Outermost behaviour: one activity per MediatR request, named after the request type, a child of the HTTP
/// request's (or the job's) activity, failed with the exception's type when the use case throws.
/// Costs nothing when no listener samples the source.
/// </summary>
public sealed class TracingBehaviour<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string ActivityName = "usecase " + typeof(TRequest).Name;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        using var activity = TracingBehaviourSource.Source.StartActivity(ActivityName);
        try
        {
            return await next();
        }
        catch (Exception ex) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            activity.SetTag("error.type", ex.GetType().FullName);
            throw;
        }
    }
}
