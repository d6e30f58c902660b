using System.Text.Json;
using Veza.Api.OpenApi;
using Veza.Application.Categories;
using Veza.Application.Gear;
using Veza.Domain.Gear;

namespace Veza.Api.Endpoints.Gear;

public sealed class GearExamples : IOpenApiExamples
{
    private static readonly Guid ProductId = Guid.Parse("0193a7f0-1111-7a00-8b00-00000000f001");
    private static readonly Guid GearId = Guid.Parse("0193a7f0-2222-7a00-8b00-00000000f002");
    private static readonly Guid FileId = Guid.Parse("0193a7f0-3333-7a00-8b00-00000000f003");
    private static readonly Guid DocumentId = Guid.Parse("0193a7f0-4444-7a00-8b00-00000000f004");
    private static readonly CategoryRefDto Interfaces = new(Guid.Parse("0193a000-0000-7000-8000-000000000201"), "Audio interfaces", "audio-interfaces");

    private static readonly ProductDto Product = new(ProductId, "Scarlett 2i2 (3rd gen)", "Focusrite", "2i2-3G", Interfaces, "169.00", "EUR", 36, ProductStatus.Active,
        ExampleValues.Now, ExampleValues.Now);

    private static readonly GearFileDto Manual = new(DocumentId, GearFileType.Manual, "Scarlett 2i2 user guide.pdf", "application/pdf", 2_481_004, 32, null, ProductId,
        $"/api/v1/files/{DocumentId}/download", null, ExampleValues.Now, ExampleValues.Now);

    public void AddTo(ExampleTable examples)
    {
        using var specifications = JsonDocument.Parse("""{"inputs": 2, "sample_rate_khz": 192, "bus_powered": true}""");
        examples
            .Add(Product)
            .Add(new ProductDetailDto(Product, "Two-in, two-out USB interface with Air mode.", "Registered products only.", "https://focusrite.com", specifications.RootElement.Clone(), [Manual]))
            .Add(new ProductSearchHitDto(ProductId, Product.Name, "Focusrite", "2i2-3G", Interfaces, ProductStatus.Active, 0.6667))
            .Add(new ProductBody("Scarlett 2i2 (3rd gen)", Interfaces.Id, "Focusrite", "2i2-3G", "Two-in, two-out USB interface with Air mode.", 169.00m, "EUR", 36,
                "Registered products only.", "https://focusrite.com", specifications.RootElement.Clone(), "active"))
            .Add(new GearBody(ProductId, "3rd gen", "S2I2-5521-0042", new DateOnly(2025, 2, 28), 149.00m, "EUR", null, "Bought at the shop on Rue Lafayette."))
            .Add(new OwnedGearDto(GearId, ProductId, Product.Name, "Focusrite", "2i2-3G", "Audio interfaces", "3rd gen", "S2I2-5521-0042", new DateOnly(2025, 2, 28), "149.00", "EUR",
                new DateOnly(2028, 2, 28), true, 815, "Bought at the shop on Rue Lafayette.", OwnedGearStatus.Active, 2, 1, ExampleValues.Now, ExampleValues.Now))
            .Add(new GearFileDto(FileId, GearFileType.Invoice, "invoice 2025-02.pdf", "application/pdf", 84_210, 1, GearId, null, $"/api/v1/files/{FileId}/download", null,
                ExampleValues.Now, ExampleValues.Now))
            .Add(new FileBody("warranty", "warranty card.pdf"));
    }
}
