using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Playlists;
using Veza.Domain.Ports;

namespace Veza.Application.Gear.Products.Queries.GetProduct;

/// <summary>A catalog product with its documents, public (a discontinued one too: people still own it).</summary>
public sealed record GetProductQuery(Guid ProductId) : IQuery<ProductDetailDto>;

/// <summary>A product's catalog documents, public.</summary>
public sealed record ListProductDocumentsQuery(Guid ProductId) : IQuery<IReadOnlyList<GearFileDto>>;

public sealed class GetProductQueryHandler(IGearReadModel readModel)
    : IRequestHandler<GetProductQuery, ProductDetailDto>, IRequestHandler<ListProductDocumentsQuery, IReadOnlyList<GearFileDto>>
{
    public async Task<ProductDetailDto> Handle(GetProductQuery request, CancellationToken cancellationToken) =>
        await readModel.FindProductAsync(request.ProductId, includeDiscontinued: true, cancellationToken) ?? throw new NotFoundException("No product with this id.");

    public async Task<IReadOnlyList<GearFileDto>> Handle(ListProductDocumentsQuery request, CancellationToken cancellationToken) =>
        (await Handle(new GetProductQuery(request.ProductId), cancellationToken)).Documents;
}
