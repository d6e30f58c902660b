using Veza.Domain.Plays;
using Veza.Domain.Ports;

namespace Veza.Application.Tracks.Plays;

/// <summary>The listener id of the caller, as stream URLs are signed for it and plays are counted by it.</summary>
public static class PlayListener
{
    public static string Of(ICurrentUser caller, IStreamUrlSigner signer) =>
        caller.UserId is { } userId ? ListenerIds.ForUser(userId) : signer.AnonymousListenerId(caller.IpAddress, caller.UserAgent);
}
