using Veza.Application.Common.Exceptions;
using Veza.Domain.Mfa;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Common.Security;

/// <summary>
/// The runtime setting require_mfa_for_admins: while it is on, an admin or super admin without a second
/// factor is refused every role-restricted request (403 MFA_REQUIRED) until they turn one on; what any
/// user may do (sign-in, the /auth/2fa endpoints, their profile) keeps working. See docs/decisions/0016.
/// </summary>
public sealed class PrivilegedSecondFactorRule(IRuntimeSettings settings, IMfaEnrolmentRepository enrolments)
{
    public static bool AppliesTo(Role role) => role is Role.Admin or Role.SuperAdmin;

    public async Task EnsureSatisfiedAsync(Guid userId, CancellationToken cancellationToken)
    {
        if ((await settings.GetAsync(cancellationToken)).RequireMfaForAdmins && !await enrolments.IsEnabledAsync(userId, cancellationToken))
        {
            throw new SecondFactorRequiredException();
        }
    }
}
