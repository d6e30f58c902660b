using FluentValidation;
using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;
using Veza.Domain.Common;
using Veza.Domain.Gear;
using Veza.Domain.Ports;

namespace Veza.Application.Gear.Products.Commands.UploadProductDocument;

/// <summary>Adds a manufacturer's document (a manual, firmware notes) to a catalog product (admins); anyone may download it.</summary>
/// <param name="Content">Readable and seekable (the form file's buffered stream).</param>
[Authorize(Roles = "admin,super_admin")]
public sealed record UploadProductDocumentCommand(Guid ProductId, string? Type, [MultilineText] string? FileName, Stream Content, long Length) : ICommand<GearFileDto>;

public sealed class UploadProductDocumentCommandValidator : AbstractValidator<UploadProductDocumentCommand>
{
    public UploadProductDocumentCommandValidator() => RuleFor(c => c.Type).FileType();
}

public sealed class UploadProductDocumentCommandHandler(IProductRepository products, IGearFileRepository files, GearFileUpload upload, GearSettings settings, IClock clock)
    : IRequestHandler<UploadProductDocumentCommand, GearFileDto>
{
    public async Task<GearFileDto> Handle(UploadProductDocumentCommand request, CancellationToken cancellationToken)
    {
        var format = await GearFileUpload.RecogniseAsync(request.Content, request.Length, settings.MaxDocumentBytes, cancellationToken);
        var product = await products.LoadProductAsync(request.ProductId, cancellationToken);
        var now = clock.UtcNow;
        var type = request.Type is null ? GearFileType.Manual : WireNames.Parse<GearFileType>(request.Type);
        var file = GearFile.ForProduct(Guid.CreateVersion7(now), product.Id, type, format, request.FileName ?? "document", request.Length, now);
        await upload.StoreAsync(file, request.Content, cancellationToken);
        files.Add(file);
        return GearFileDto.From(file);
    }
}
