using Veza.Api.OpenApi;
using Veza.Application.Chat;
using Veza.Application.Chat.Commands.CreateChatRoom;

namespace Veza.Api.Endpoints.Chat;

public sealed class ChatExamples : IOpenApiExamples
{
    private static readonly Guid RoomId = Guid.Parse("0193a5e0-1a2b-7c3d-8e4f-5a6b7c8d9e01");
    private static readonly Guid MessageId = Guid.Parse("0193a5e1-2b3c-7d4e-8f50-6a7b8c9d0e12");
    private static readonly ChatUserDto Nova = new(ExampleValues.UserId, "dj_nova", null);

    private static readonly ChatTrackDto Track = new(
        Guid.Parse("0193a5c4-5d6e-7f80-9a1b-2c3d4e5f6a70"), "Midnight Drive", "dj_nova", 214.5,
        "/api/v1/tracks/0193a5c4-5d6e-7f80-9a1b-2c3d4e5f6a70/artwork?size=128&v=0193a5c400007000800000000000001");

    private static readonly ChatMessageDto Message = new(
        MessageId, RoomId, Nova, "Anyone up for a synthwave session tonight? Warming up with this one.", "c-7f3a", null, ExampleValues.Now, null, false,
        Track, [new ChatReactionDto("🔥", 4, true), new ChatReactionDto("🎹", 1, false)]);

    private static readonly DirectMessageDto Direct = new(MessageId, Nova, Guid.Parse("0193a5b2-7c1e-7d3a-9f10-000000000099"), "Loved your last track!", "d-19c2", ExampleValues.Now, null);

    public void AddTo(ExampleTable examples) => examples
        .Add(new CreateChatRoomCommand("Synthwave lounge", "Retro sounds and late-night sessions.", false, MaskProfanity: true))
        .Add(new ChatRoomDto(RoomId, "Synthwave lounge", "Retro sounds and late-night sessions.", false, Nova, 42, "owner", Message, ExampleValues.Now.AddDays(-2), 3, 12, MaskProfanity: true))
        .Add(Message)
        .Add(new ChatMemberDto(Nova, "owner", ExampleValues.Now.AddDays(-2)))
        .Add(new InviteToChatRoomBody(ExampleValues.UserId))
        .Add(new SendChatMessageBody("Anyone up for a synthwave session tonight? Warming up with this one.", "c-7f3a", TrackId: Track.Id))
        .Add(new ChatReactionDto("🔥", 5, true))
        .Add(new EditChatMessageBody("Anyone up for a synthwave session tonight? 22:00 UTC"))
        .Add(new SendDirectMessageBody("Loved your last track!", "d-19c2"))
        .Add(new MarkReadBody(MessageId))
        .Add(new MuteBody(60))
        .Add(new UpdateChatRoomBody(Description: "Retro sounds, every night from 22:00 UTC."))
        .Add(new RoleBody("moderator"))
        .Add(new UnreadDto([new RoomUnreadDto(RoomId, 3)], [new ConversationUnreadDto(Guid.Parse("0193a5b2-7c1e-7d3a-9f10-000000000099"), 2)], 5))
        .Add(Direct)
        .Add(new ConversationDto(new ChatUserDto(Guid.Parse("0193a5b2-7c1e-7d3a-9f10-000000000099"), "bass_bob", null), Direct, 2));
}
