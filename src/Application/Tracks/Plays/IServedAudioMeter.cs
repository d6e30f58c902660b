namespace Veza.Application.Tracks.Plays;

/// <summary>
/// Where the byte routes report what they served, so plays can be counted from bytes that really left
/// the server (issue 10: a play is 30 seconds, or half a shorter track, served to one listener).
/// Called on the hot path of every range request: implementations only accumulate in memory and never
/// block; the sums reach the database in batches.
/// </summary>
public interface IServedAudioMeter
{
    /// <param name="trackId">The track whose bytes were served.</param>
    /// <param name="listenerId">The <c>lid</c> of the signed URL (a user id in "N" format, or an anonymous id).</param>
    /// <param name="file">What was served: <c>mp3_128</c>, <c>mp3_320</c>, <c>original</c>, or an HLS file such as
    /// <c>96k/segment-003.ts</c> (playlists are not audio and are not reported).</param>
    /// <param name="bytesServed">The bytes actually written to the client (less than asked when it went away).</param>
    /// <param name="fileLength">The whole file's length, to turn bytes into seconds of that file.</param>
    void Record(Guid trackId, string listenerId, string file, long bytesServed, long fileLength);
}
