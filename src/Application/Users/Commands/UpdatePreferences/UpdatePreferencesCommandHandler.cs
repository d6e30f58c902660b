using MediatR;
using Veza.Application.Common.Caching;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Users.Commands.UpdatePreferences;

public sealed class UpdatePreferencesCommandHandler(IUserPreferencesRepository repository, IClock clock, ICurrentUser caller, CacheInvalidation invalidation)
    : IRequestHandler<UpdatePreferencesCommand, PreferenceSet>
{
    public async Task<PreferenceSet> Handle(UpdatePreferencesCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        var now = clock.UtcNow;
        var stored = await repository.FindAsync(userId, cancellationToken);
        if (stored is null)
        {
            stored = UserPreferences.For(userId, now);
            repository.Add(stored);
        }

        stored.Replace(Merge(stored.Values.Complete(), request), now);
        // The profile's visibility is a preference.
        invalidation.Profiles(userId);
        return stored.Values;
    }

    /// <summary>The current set with what the request gives laid over it.</summary>
    public static PreferenceSet Merge(PreferenceSet current, UpdatePreferencesCommand patch)
    {
        var notifications = current.Notifications.ToDictionary(n => n.Key, n => n.Value);
        foreach (var (kind, change) in patch.Notifications ?? new Dictionary<string, NotificationChannelsPatch>())
        {
            var was = notifications.GetValueOrDefault(kind) ?? PreferenceSet.Default.Notifications[kind];
            notifications[kind] = new NotificationChannels(change.InApp ?? was.InApp, change.Email ?? was.Email);
        }

        var privacy = patch.Privacy is { } p
            ? new PrivacyPreferences(p.Profile ?? current.Privacy.Profile, p.ShowOnlineStatus ?? current.Privacy.ShowOnlineStatus, p.DirectMessages ?? current.Privacy.DirectMessages)
            : current.Privacy;
        var audio = patch.Audio is { } a
            ? new AudioPreferences(a.StreamQuality ?? current.Audio.StreamQuality, a.Autoplay ?? current.Audio.Autoplay)
            : current.Audio;
        return new PreferenceSet(notifications, privacy, audio);
    }
}
