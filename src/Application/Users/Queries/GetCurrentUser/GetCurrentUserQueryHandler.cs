using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;

namespace Veza.Application.Users.Queries.GetCurrentUser;

public sealed class GetCurrentUserQueryHandler(IUserReadModel readModel, ICurrentUser caller) : IRequestHandler<GetCurrentUserQuery, UserDto>
{
    public async Task<UserDto> Handle(GetCurrentUserQuery request, CancellationToken cancellationToken) =>
        await readModel.FindByIdAsync(caller.UserId!.Value, cancellationToken)
        ?? throw new NotFoundException("The account no longer exists.");
}
