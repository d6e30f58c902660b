using Veza.Api.OpenApi;
using Veza.Application.Social;

namespace Veza.Api.Endpoints.Social;

public sealed class SocialExamples : IOpenApiExamples
{
    public void AddTo(ExampleTable examples) => examples
        .Add(new FollowStateDto(ExampleValues.UserId, Following: true))
        .Add(new BlockStateDto(ExampleValues.UserId, Blocked: true));
}
