using System.Linq.Expressions;

namespace Veza.Domain.Tracks;

/// <summary>
/// <see cref="Track.IsVisibleTo"/> and <see cref="Track.IsListedFor"/> as expressions a database query can
/// apply (read models filter rows with them instead of spelling the rule again in SQL). A test holds
/// them to the methods on every combination of owner, admin, visibility, status and hiding.
/// </summary>
public static class TrackAccess
{
    public static Expression<Func<Track, bool>> VisibleTo(Guid? viewerId, bool viewerIsAdmin) =>
        t => viewerIsAdmin || (Guid?)t.OwnerId == viewerId || (t.HiddenAt == null && t.Visibility != TrackVisibility.Private);

    public static Expression<Func<Track, bool>> ListedFor(Guid? viewerId) =>
        t => (Guid?)t.OwnerId == viewerId || (t.HiddenAt == null && t.Visibility == TrackVisibility.Public && t.Status == TrackStatus.Ready);
}
