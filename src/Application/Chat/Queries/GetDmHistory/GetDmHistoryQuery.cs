using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;
using Veza.Domain.Chat;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Queries.GetDmHistory;

/// <summary>The caller's conversation with a user, in id (time) order, paged by cursor like room history.</summary>
[Authorize]
public sealed record GetDmHistoryQuery(Guid UserId, Guid? Before = null, Guid? After = null, int? Limit = null) : IQuery<IReadOnlyList<DirectMessageDto>>;

public sealed class GetDmHistoryQueryValidator : AbstractValidator<GetDmHistoryQuery>
{
    public GetDmHistoryQueryValidator() => this.HistoryCursor(q => q.Limit, q => q.Before, q => q.After);
}

public sealed class GetDmHistoryQueryHandler(IChatReadModel readModel, ICurrentUser caller) : IRequestHandler<GetDmHistoryQuery, IReadOnlyList<DirectMessageDto>>
{
    public Task<IReadOnlyList<DirectMessageDto>> Handle(GetDmHistoryQuery request, CancellationToken cancellationToken) =>
        readModel.ListDirectMessagesAsync(caller.UserId!.Value, request.UserId, request.Before, request.After, request.Limit ?? ChatRules.DefaultPage, cancellationToken);
}
