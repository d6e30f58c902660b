using Veza.Api.OpenApi;
using Veza.Application.Users.Queries.ListMyIdentities;

namespace Veza.Api.Endpoints.Users;

public sealed class IdentityExamples : IOpenApiExamples
{
    public void AddTo(ExampleTable examples) => examples
        .Add(new IdentityDto("google", "nova@example.com", ExampleValues.Now))
        .Add(new IdentityUnlinkedDto(true));
}
