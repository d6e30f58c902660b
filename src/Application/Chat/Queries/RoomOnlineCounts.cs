using Veza.Application.Common.ReadModels;
using Veza.Domain.Ports;

namespace Veza.Application.Chat.Queries;

/// <summary>How many members of each room have a live connection (on any node): a count, never who.</summary>
public sealed class RoomOnlineCounts(IChatReadModel readModel, IPresenceTracker presence)
{
    public async Task<IReadOnlyList<ChatRoomDto>> AddAsync(IReadOnlyList<ChatRoomDto> rooms, CancellationToken cancellationToken)
    {
        if (rooms.Count == 0)
        {
            return rooms;
        }

        var members = await readModel.MemberIdsAsync([.. rooms.Select(r => r.Id)], cancellationToken);
        var online = await presence.OnlineAmongAsync([.. members.Values.SelectMany(ids => ids).Distinct()], cancellationToken);
        return [.. rooms.Select(r => r with { OnlineCount = members[r.Id].Count(online.Contains) })];
    }
}
