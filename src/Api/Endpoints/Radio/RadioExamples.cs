using Veza.Api.OpenApi;
using Veza.Application.Chat;
using Veza.Application.Radio;
using Veza.Application.Radio.Commands.CreateStation;
using Veza.Application.Radio.Commands.IssueSourceCredentials;
using Veza.Application.Radio.Queries.GetStation;
using Veza.Application.Users;

namespace Veza.Api.Endpoints.Radio;

public sealed class RadioExamples : IOpenApiExamples
{
    private static readonly Guid StationId = Guid.Parse("0193a6a0-1b2c-7d3e-8f40-5a6b7c8d9e11");
    private static readonly Guid TrackId = Guid.Parse("0193a5c4-5d6e-7f80-9a1b-2c3d4e5f6a70");
    private static readonly UserRefDto Nova = new(ExampleValues.UserId, "dj_nova");

    private static readonly StationDto Station = new(
        StationId, "Night Drive FM", "night-drive", "Synthwave around the clock.", "synthwave", "public", Nova, Guid.Parse("0193a6a0-0000-7000-8000-000000000001"),
        true, 42, new NowPlayingDto(StationId, TrackId, "Midnight Drive", "dj_nova", ExampleValues.Now, 214.5, null, null),
        $"/api/v1/radio/stations/{StationId}/live.mp3?exp=1767225600&kid=k0&lid={ExampleValues.UserId:N}&sig=3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        $"/api/v1/radio/stations/{StationId}/live.m3u8?exp=1767225600&kid=k0&lid={ExampleValues.UserId:N}&sig=Bw8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        ExampleValues.Now.AddHours(1), new RotationDto([Guid.Parse("0193a5d0-0000-7000-8000-000000000002")], ["synthwave"], 20), "owner", ExampleValues.Now.AddDays(-3));

    public void AddTo(ExampleTable examples) => examples
        .Add(new CreateStationCommand("Night Drive FM", "night-drive", "Synthwave around the clock.", "synthwave", "public"))
        .Add(Station)
        .Add(new SourceCredentialsDto($"http://127.0.0.1:8080/api/v1/radio/stations/{StationId}/source", "dj_nova", "b7Xq2mP9sL4vN8kR3tW6yZ1c"))
        .Add(new StationDetailDto(Station, [new StationMemberDto(Nova, "owner", ExampleValues.Now.AddDays(-3))]))
        .Add(new UpdateStationBody(Description: "Synthwave and retro electro, every night."))
        .Add(new RotationBody([Guid.Parse("0193a5d0-0000-7000-8000-000000000002")], ["synthwave", "retro"], 30))
        .Add(new RequestTrackBody(TrackId))
        .Add(new PriorityBody(10))
        .Add(new QueuedRequestDto(Guid.Parse("0193a6b0-0000-7000-8000-000000000003"), new ChatTrackDto(TrackId, "Midnight Drive", "dj_nova", 214.5, null), Nova, 7, true, 0, ExampleValues.Now))
        .Add(new StationPlayDto(TrackId, "Midnight Drive", "dj_nova", ExampleValues.Now.AddMinutes(-4), 214.5, 38, null));
}
