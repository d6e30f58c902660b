using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Storage;
using Veza.Domain.Gear;
using Veza.Domain.Ports;

namespace Veza.Application.Gear.Products.Commands.DeleteProduct;

/// <summary>
/// Removes a product nobody owns, with its catalog documents (admins). One that people record is 409: it is
/// discontinued instead (PUT status), so their entries keep their product.
/// </summary>
[Authorize(Roles = "admin,super_admin")]
public sealed record DeleteProductCommand(Guid ProductId) : ICommand<Unit>;

public sealed class DeleteProductCommandHandler(IProductRepository products, IGearFileRepository files, IJobScheduler jobs) : IRequestHandler<DeleteProductCommand, Unit>
{
    public async Task<Unit> Handle(DeleteProductCommand request, CancellationToken cancellationToken)
    {
        var product = await products.LoadProductAsync(request.ProductId, cancellationToken);
        if (await products.IsOwnedAsync(product.Id, cancellationToken))
        {
            throw new ConflictException("People record this product as their gear: discontinue it (status discontinued) instead of deleting it.");
        }

        var documents = await files.ListOfProductAsync(product.Id, cancellationToken);
        foreach (var document in documents)
        {
            files.Remove(document);
        }

        products.Remove(product);
        if (documents.Count > 0)
        {
            jobs.Enqueue(new DeleteStoredFilesJob(GearFileUpload.KeysOf(documents)));
        }

        return Unit.Value;
    }
}
