using MediatR;

namespace Veza.Application.Common.Messaging;

/// <summary>A request that changes state: it runs inside the unit-of-work transaction.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;

/// <summary>A request that only reads.</summary>
public interface IQuery<out TResponse> : IRequest<TResponse>;
