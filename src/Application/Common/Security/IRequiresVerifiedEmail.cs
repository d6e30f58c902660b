namespace Veza.Application.Common.Security;

/// <summary>
/// Put on a request that publishes something (upload, post, sell): while an admin requires verified
/// addresses (runtime setting require_verified_email), a caller whose address is not verified is
/// refused with <see cref="Exceptions.EmailNotVerifiedException"/> (403 EMAIL_NOT_VERIFIED). Implies
/// a signed-in caller; <see cref="Behaviours.VerifiedEmailBehaviour{TRequest, TResponse}"/> checks it.
/// </summary>
public interface IRequiresVerifiedEmail;
