using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Models;
using Veza.Application.Common.ReadModels;
using Veza.Application.Common.Security;

namespace Veza.Application.Admin.Queries.ListAudit;

/// <summary>The audit trail, newest first, filtered by actor, action, target (<c>user:{id}</c>, <c>report:{id}</c>, <c>settings</c>) and a time range [from, to).</summary>
[Authorize(Roles = "moderator,admin,super_admin")]
public sealed record ListAuditQuery(
    PageRequest Paging, Guid? Actor = null, string? Action = null, string? Target = null, DateTimeOffset? From = null, DateTimeOffset? To = null)
    : IQuery<PagedResult<AuditEventDto>>, IPagedQuery;

public sealed class ListAuditQueryValidator : AbstractValidator<ListAuditQuery>
{
    public ListAuditQueryValidator()
    {
        RuleFor(x => x.Action).MaximumLength(64).WithMessage("action must be at most 64 characters.");
        RuleFor(x => x.Target).MaximumLength(100).WithMessage("target must be at most 100 characters.");
        RuleFor(x => x.To).GreaterThan(x => x.From).When(x => x.From is not null && x.To is not null).WithMessage("to must be after from.");
    }
}

public sealed class ListAuditQueryHandler(IAdminReadModel readModel) : IRequestHandler<ListAuditQuery, PagedResult<AuditEventDto>>
{
    public Task<PagedResult<AuditEventDto>> Handle(ListAuditQuery request, CancellationToken cancellationToken) =>
        readModel.ListAuditAsync(new AuditFilter(request.Actor, request.Action, request.Target, request.From, request.To), request.Paging, cancellationToken);
}
