using Veza.Api.OpenApi;
using Veza.Application.Users;
using Veza.Application.Users.Avatars;
using Veza.Application.Users.Commands.DeleteAccount;
using Veza.Application.Users.Commands.UpdatePreferences;
using Veza.Application.Users.Commands.UpdateProfile;
using Veza.Domain.Users;

namespace Veza.Api.Endpoints.Users;

public sealed class ProfileExamples : IOpenApiExamples
{
    private static readonly string AvatarUrl = AvatarUrls.For(ExampleValues.UserId, Guid.Parse("0193a5c0-1111-7d3a-9f10-2b3c4d5e6f70"));

    public static readonly UserSummaryDto Summary = new(ExampleValues.UserId, "dj_nova", "DJ Nova", AvatarUrl);

    public void AddTo(ExampleTable examples) => examples
        .Add(Summary)
        .Add(new UserProfileDto(ExampleValues.UserId, "dj_nova", "DJ Nova", AvatarUrl, "Nova", "Reyes", "Deep house from Lisbon.\nSets every Friday.", "Lisbon",
            ["https://soundcloud.com/dj-nova"], ExampleValues.Now, 128, 42, "nova@example.com", IsPrivate: false, IsDeleted: false, Restricted: false,
            IsFollowing: false, IsBlocking: false))
        .Add(new UserStatsDto(128, 42, 12, 15_420, 873))
        .Add(PreferenceSet.Default)
        .Add(new UpdateProfileCommand(DisplayName: "DJ Nova", Bio: "Deep house from Lisbon.\nSets every Friday.", Links: ["https://soundcloud.com/dj-nova"]))
        .Add(new UpdatePreferencesCommand(
            new Dictionary<string, NotificationChannelsPatch> { [NotificationKinds.Follows] = new(Email: true) },
            new PrivacyPatch(Profile: ProfileVisibility.Private),
            new AudioPatch(StreamQuality: StreamQuality.High)))
        .Add(new DeleteAccountCommand(ExampleValues.Password))
        .Add(new AccountDeletedDto(true));
}
