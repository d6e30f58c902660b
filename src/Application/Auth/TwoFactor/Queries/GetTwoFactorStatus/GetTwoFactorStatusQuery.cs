using MediatR;
using Veza.Application.Common.Security;
using Veza.Domain.Mfa;
using Veza.Domain.Ports;

namespace Veza.Application.Auth.TwoFactor.Queries.GetTwoFactorStatus;

/// <summary>Whether the caller's second factor is on (or waiting for its first code) and how many recovery codes are left.</summary>
[Authorize]
public sealed record GetTwoFactorStatusQuery : IRequest<TwoFactorStatusDto>;

public sealed class GetTwoFactorStatusQueryHandler(IMfaEnrolmentRepository enrolments, ICurrentUser caller) : IRequestHandler<GetTwoFactorStatusQuery, TwoFactorStatusDto>
{
    public async Task<TwoFactorStatusDto> Handle(GetTwoFactorStatusQuery request, CancellationToken cancellationToken) =>
        await enrolments.GetStatusAsync(caller.UserId!.Value, cancellationToken) is { } status
            ? new TwoFactorStatusDto(status.Enabled, !status.Enabled, status.EnabledAt, status.RecoveryCodesLeft)
            : new TwoFactorStatusDto(false, false, null, 0);
}
