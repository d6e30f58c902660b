using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Gear.Files.Queries.GetFile;
using Veza.Domain.Gear;
using Veza.Domain.Media;
using Veza.Domain.Ports;

namespace Veza.Application.Gear.Files.Queries.OpenFile;

/// <summary>A file's bytes (or its thumbnail), for whoever may read it (<see cref="GearFile.IsReadableBy"/>); the caller disposes the answer.</summary>
public sealed record OpenFileQuery(Guid FileId, bool Thumbnail = false) : IQuery<GearFileContent>;

public sealed class OpenFileQueryHandler(IGearFileRepository files, IFileStorage storage, ICurrentUser caller) : IRequestHandler<OpenFileQuery, GearFileContent>
{
    public async Task<GearFileContent> Handle(OpenFileQuery request, CancellationToken cancellationToken)
    {
        var file = await files.LoadReadableAsync(request.FileId, caller, cancellationToken);
        var key = request.Thumbnail ? file.ThumbnailKey ?? throw new NotFoundException("This file has no thumbnail (only images have one).") : file.StorageKey;
        var content = await storage.OpenReadAsync(key, cancellationToken) ?? throw new NotFoundException("No file with this id.");
        return new GearFileContent(GearFileDto.From(file), request.Thumbnail ? ImageFormats.ContentType(ImageFormat.WebP) : file.ContentType, content);
    }
}
