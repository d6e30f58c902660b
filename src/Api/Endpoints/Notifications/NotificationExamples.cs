using System.Text.Json.Nodes;
using Veza.Api.OpenApi;
using Veza.Application.Notifications;

namespace Veza.Api.Endpoints.Notifications;

public sealed class NotificationExamples : IOpenApiExamples
{
    public void AddTo(ExampleTable examples) => examples
        .Add(new NotificationDto(
            Guid.Parse("0193a5f0-0a1b-7c2d-8e3f-4a5b6c7d8e90"),
            "mention",
            JsonNode.Parse("""{"room_id":"0193a5e0-1a2b-7c3d-8e4f-5a6b7c8d9e01","room_name":"Synthwave lounge","message_id":"0193a5e1-2b3c-7d4e-8f50-6a7b8c9d0e12","author":{"id":"0193a5b2-7c1e-7d3a-9f10-2b3c4d5e6f70","username":"dj_nova","avatar_url":null},"excerpt":"@bass_bob are you in tonight?"}""")!,
            ExampleValues.Now,
            null))
        .Add(new UnreadNotificationsDto(3));
}
