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
    public GetDmHistoryQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, ChatRules.MaxPage).When(q => q.Limit is not null).WithMessage($"limit is 1 to {ChatRules.MaxPage}.");
        RuleFor(q => q.After).Null().When(q => q.Before is not null).WithMessage("Give before or after, not both.");
    }
}

public sealed class GetDmHistoryQueryHandler(IChatReadModel readModel, ICurrentUser caller) : IRequestHandler<GetDmHistoryQuery, IReadOnlyList<DirectMessageDto>>
{
    public Task<IReadOnlyList<DirectMessageDto>> Handle(GetDmHistoryQuery request, CancellationToken cancellationToken) =>
        readModel.ListDirectMessagesAsync(caller.UserId!.Value, request.UserId, request.Before, request.After, request.Limit ?? ChatRules.DefaultPage, cancellationToken);
}
