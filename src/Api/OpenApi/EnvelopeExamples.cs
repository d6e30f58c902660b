using Veza.Api.Http;
using Veza.Application.Common.Exceptions;

namespace Veza.Api.OpenApi;

public sealed class EnvelopeExamples : IOpenApiExamples
{
    public void AddTo(ExampleTable examples) => examples
        .Add(new ApiMeta("0193a5b27c1e7d3a9f102b3c4d5e6f70", ExampleValues.Now, ApiMeta.ApiVersion))
        .Add(new ApiError(ErrorCodes.Validation, "One or more fields are invalid.", [new FieldError("email", "Email is not a valid address.")]))
        .Add(new FieldError("email", "Email is not a valid address."));
}
