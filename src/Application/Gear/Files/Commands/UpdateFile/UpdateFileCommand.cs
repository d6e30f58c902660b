using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;
using Veza.Application.Marketplace;
using Veza.Application.Playlists;
using Veza.Domain.Gear;
using Veza.Domain.Ports;

namespace Veza.Application.Gear.Files.Commands.UpdateFile;

/// <summary>Renames or re-files the caller's file, or a catalog document (admins); the name is sanitised and its extension stays what the bytes are.</summary>
[Authorize]
public sealed record UpdateFileCommand(Guid FileId, string? Type = null, [MultilineText] string? FileName = null) : ICommand<GearFileDto>;

public sealed class UpdateFileCommandValidator : AbstractValidator<UpdateFileCommand>
{
    public UpdateFileCommandValidator()
    {
        RuleFor(c => c.Type).FileType();
        RuleFor(c => c.FileName).Must(n => n is null || n.Trim().Length is > 0 and <= GearFile.FileNameMaxLength).WithMessage($"filename is 1 to {GearFile.FileNameMaxLength} characters.").OverridePropertyName("filename");
    }
}

public sealed class UpdateFileCommandHandler(IGearFileRepository files, IClock clock, ICurrentUser caller) : IRequestHandler<UpdateFileCommand, GearFileDto>
{
    public async Task<GearFileDto> Handle(UpdateFileCommand request, CancellationToken cancellationToken)
    {
        var file = await files.GetAsync(request.FileId, cancellationToken);
        if (file is null || !(file.IsCatalogDocument ? caller.IsAdmin() : file.OwnerId == caller.UserId))
        {
            // A catalog document others may read is still not theirs to rename: 403; anything else is not told.
            throw file is { IsCatalogDocument: true } ? new Common.Exceptions.ForbiddenException("Only admins rename catalog documents.") : new Common.Exceptions.NotFoundException("No file with this id.");
        }

        file.Edit(ListingFieldRules.ParseOptional<GearFileType>(request.Type), request.FileName, clock.UtcNow);
        return GearFileDto.From(file);
    }
}
