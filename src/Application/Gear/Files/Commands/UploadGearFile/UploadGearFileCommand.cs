using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;
using Veza.Application.Tracks.Upload;
using Veza.Domain.Common;
using Veza.Domain.Gear;
using Veza.Domain.Ports;

namespace Veza.Application.Gear.Files.Commands.UploadGearFile;

/// <summary>
/// Attaches a file to the caller's gear entry (manual, warranty, invoice, image, document): PDF, PNG, JPEG, WebP or
/// plain text by its bytes, at most 10 MB, counted in the caller's storage quota with their tracks.
/// </summary>
/// <param name="Content">Readable and seekable (the form file's buffered stream).</param>
[Authorize]
/// <param name="FileName">As the client named it; line breaks and tabs are let through here because the name is sanitised, not refused.</param>
public sealed record UploadGearFileCommand(Guid OwnedGearId, string? Type, [MultilineText] string? FileName, Stream Content, long Length) : ICommand<GearFileDto>;

public sealed class UploadGearFileCommandValidator : AbstractValidator<UploadGearFileCommand>
{
    public UploadGearFileCommandValidator() => RuleFor(c => c.Type).NotNull().WithMessage("type is required.").FileType();
}

public sealed class UploadGearFileCommandHandler(
    IOwnedGearRepository gear, IGearFileRepository files, GearFileUpload upload, UploadQuota quota, GearSettings settings, IClock clock, ICurrentUser caller)
    : IRequestHandler<UploadGearFileCommand, GearFileDto>
{
    public async Task<GearFileDto> Handle(UploadGearFileCommand request, CancellationToken cancellationToken)
    {
        var entry = await gear.LoadOwnAsync(request.OwnedGearId, caller, cancellationToken);
        var format = await GearFileUpload.RecogniseAsync(request.Content, request.Length, settings.MaxFileBytes, cancellationToken);
        (await quota.StandingOfAsync(entry.OwnerId, cancellationToken)).CheckAnnounced(request.Length);
        var now = clock.UtcNow;
        var file = GearFile.ForOwnedGear(Guid.CreateVersion7(now), entry, WireNames.Parse<GearFileType>(request.Type!), format, request.FileName ?? "file", request.Length, now);
        await upload.StoreAsync(file, request.Content, cancellationToken);
        await quota.ConfirmAsync(entry.OwnerId, request.Length, cancellationToken);
        files.Add(file);
        return GearFileDto.From(file);
    }
}
