using System.Text.Json;
using FluentValidation;
using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Validation;

namespace Veza.Application.Common.Behaviours;

public sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        // Before the validators, and alone: a NUL byte must not reach a validator that looks something
        // up (PostgreSQL refuses it with an error, a 500), and the other rules have nothing to say about
        // text that is not text.
        var malformed = TextInputGuard.Check(request).Select(e => new FieldError(FieldName(e.Path), e.Message)).ToList();
        if (malformed.Count > 0)
        {
            throw new RequestValidationException(malformed);
        }

        var errors = new List<FieldError>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            errors.AddRange(result.Errors.Select(e => new FieldError(FieldName(e.PropertyName), e.ErrorMessage)));
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        return await next();
    }

    /// <summary>The field as the client spelt it: "CurrentPassword" is "current_password", "Items[2].Name" is "items[2].name".</summary>
    private static string FieldName(string propertyPath) => JsonNamingPolicy.SnakeCaseLower.ConvertName(propertyPath);
}
