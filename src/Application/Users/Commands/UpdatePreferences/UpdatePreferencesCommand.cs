using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Users;

namespace Veza.Application.Users.Commands.UpdatePreferences;

/// <summary>Changes the preferences present in the body and keeps the others; returns the whole set. Null is not a value here (400): leave a field out to keep it.</summary>
[Authorize]
public sealed record UpdatePreferencesCommand(
    IReadOnlyDictionary<string, NotificationChannelsPatch>? Notifications = null,
    PrivacyPatch? Privacy = null,
    AudioPatch? Audio = null) : ICommand<PreferenceSet>;

public sealed record NotificationChannelsPatch(bool? InApp = null, bool? Email = null);

public sealed record PrivacyPatch(ProfileVisibility? Profile = null, bool? ShowOnlineStatus = null, DirectMessagePolicy? DirectMessages = null);

public sealed record AudioPatch(StreamQuality? StreamQuality = null, bool? Autoplay = null);
