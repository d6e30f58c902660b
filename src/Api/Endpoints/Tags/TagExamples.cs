using Veza.Api.OpenApi;
using Veza.Application.Tags;

namespace Veza.Api.Endpoints.Tags;

public sealed class TagExamples : IOpenApiExamples
{
    public void AddTo(ExampleTable examples) => examples
        .Add(new TagDto("synthwave", 321, 312, 6, 3))
        .Add(new TagDetailsDto("synthwave", 321, 312, 6, 3,
            [new TaggedItemDto(Guid.Parse("0193a5c8-0001-7a00-9b00-0000000000a1"), "Neon Highway", ExampleValues.Now.AddHours(-5))],
            [new TaggedItemDto(Guid.Parse("0193a5d0-0000-7000-8000-0000000000b1"), "Juno-60, serviced", ExampleValues.Now.AddDays(-1))],
            [new TaggedItemDto(Guid.Parse("0193a5e0-0000-7000-8000-0000000000c1"), "Neon pads (Vital presets)", ExampleValues.Now.AddDays(-2))]))
        .Add(new TrendingTagDto("hyperpop", 42, 12, 30))
        .Add(new RenameTagBody("synth wave"))
        .Add(new MergeTagBody("synthwave"));
}
