using Veza.Api.OpenApi;
using Veza.Application.Resources;
using Veza.Application.Users;
using Veza.Domain.Resources;

namespace Veza.Api.Endpoints.Resources;

public sealed class ResourceExamples : IOpenApiExamples
{
    private static readonly Guid ResourceId = Guid.Parse("0193a5e0-0000-7000-8000-0000000000c1");

    private static readonly ResourceVersionDto Version = new(
        2, "neon-pads-v2.zip", "zip", "application/zip", 4_718_592, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "Brighter pad, fixed the clipping on preset 3.", ExampleValues.UserId, ExampleValues.Now.AddDays(-1), null,
        ResourceUrls.Download(ResourceId, 2), null);

    public void AddTo(ExampleTable examples) => examples
        .Add(Version)
        .Add(new SharedResourceDto(
            ResourceId, new UserRefDto(ExampleValues.UserId, "dj_nova"), "Neon pads (Vital presets)", "Twelve warm pads for synthwave.", ResourceKind.Preset,
            ["synthwave", "pads"], ResourceVisibility.Public, 57, ResourceAccess.Download, 2, Version, ExampleValues.Now.AddDays(-12), ExampleValues.Now.AddDays(-1), null, null))
        .Add(new ResourcePermissionDto(new UserRefDto(Guid.Parse("0193a5b2-7c1e-7d3a-9f10-2b3c4d5e6f71"), "rex_beats"), ResourcePermissionLevel.Edit, ExampleValues.Now))
        .Add(new UpdateResourceBody("Neon pads vol. 2", Tags: ["synthwave", "pads", "vital"]))
        .Add(new ResourcePermissionBody(Guid.Parse("0193a5b2-7c1e-7d3a-9f10-2b3c4d5e6f71"), "edit"));
}
