using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Gear;
using Veza.Domain.Ports;

namespace Veza.Application.Gear.Files.Queries.GetFile;

/// <summary>A file's metadata: the owner's own, or a catalog document for anyone; others: 404.</summary>
public sealed record GetFileQuery(Guid FileId) : IQuery<GearFileDto>;

/// <summary>The files of the caller's gear entry, oldest first; anyone else's entry: 404.</summary>
[Authorize]
public sealed record ListGearFilesQuery(Guid OwnedGearId) : IQuery<IReadOnlyList<GearFileDto>>;

public sealed class GetFileQueryHandler(IGearFileRepository files, IOwnedGearRepository gear, ICurrentUser caller)
    : IRequestHandler<GetFileQuery, GearFileDto>, IRequestHandler<ListGearFilesQuery, IReadOnlyList<GearFileDto>>
{
    public async Task<GearFileDto> Handle(GetFileQuery request, CancellationToken cancellationToken) =>
        GearFileDto.From(await files.LoadReadableAsync(request.FileId, caller, cancellationToken));

    public async Task<IReadOnlyList<GearFileDto>> Handle(ListGearFilesQuery request, CancellationToken cancellationToken)
    {
        var entry = await gear.LoadOwnAsync(request.OwnedGearId, caller, cancellationToken);
        return [.. (await files.ListOfOwnedGearAsync(entry.Id, cancellationToken)).Select(GearFileDto.From)];
    }
}

public static class GearFileReading
{
    public static async Task<GearFile> LoadReadableAsync(this IGearFileRepository files, Guid fileId, ICurrentUser caller, CancellationToken cancellationToken)
    {
        var file = await files.GetAsync(fileId, cancellationToken);
        return file is not null && file.IsReadableBy(caller.UserId) ? file : throw new NotFoundException("No file with this id.");
    }
}
