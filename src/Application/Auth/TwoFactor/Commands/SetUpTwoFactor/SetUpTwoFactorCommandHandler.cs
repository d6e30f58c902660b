using System.Security.Cryptography;
using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Auditing;
using Veza.Domain.Mfa;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Auth.TwoFactor.Commands.SetUpTwoFactor;

public sealed class SetUpTwoFactorCommandHandler(
    IUserRepository users, IMfaEnrolmentRepository enrolments, ISecretProtector protector, IQrCodeRenderer qrCodes,
    LoginGuard guard, IAuditTrail audit, IClock clock, ICurrentUser caller)
    : IRequestHandler<SetUpTwoFactorCommand, TwoFactorSetupDto>
{
    public const string Issuer = "Veza";

    public async Task<TwoFactorSetupDto> Handle(SetUpTwoFactorCommand request, CancellationToken cancellationToken)
    {
        var user = await users.GetByIdAsync(caller.UserId!.Value, cancellationToken)
            ?? throw new NotFoundException("The account no longer exists.");
        if (!await guard.ConfirmPasswordAsync(user, request.Password, cancellationToken))
        {
            audit.Record(AuditActions.MfaSetup, AuditOutcomes.Failure, user.Id, "wrong password");
            throw new IncorrectPasswordException(IncorrectPasswordException.Password);
        }

        var now = clock.UtcNow;
        var secret = Totp.NewSecret();
        try
        {
            var sealedSecret = protector.Protect(secret, user.Id);
            var enrolment = await enrolments.HoldAsync(user.Id, cancellationToken);
            if (enrolment is null)
            {
                enrolments.Add(MfaEnrolment.Begin(user.Id, sealedSecret, now));
            }
            else
            {
                enrolment.Restart(sealedSecret, now);
            }

            var encoded = Base32.Encode(secret);
            var uri = OtpauthUri(user.Username, encoded);
            audit.Record(AuditActions.MfaSetup, AuditOutcomes.Success, user.Id);
            return new TwoFactorSetupDto(encoded, uri, Convert.ToBase64String(qrCodes.RenderPng(uri)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>The key URI format authenticator apps read (Google Authenticator's "Key Uri Format").</summary>
    public static string OtpauthUri(string username, string base32Secret) =>
        $"otpauth://totp/{Issuer}:{Uri.EscapeDataString(username)}?secret={base32Secret}&issuer={Issuer}&algorithm=SHA1&digits={Totp.Digits}&period={Totp.StepSeconds}";
}
