using System.ComponentModel.DataAnnotations;

namespace Veza.Infrastructure.Storage;

public sealed class FileStorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary>
    /// The directory every stored file lives under. Relative paths are taken from the content root;
    /// empty means <c>.data/storage</c> there (build/run.sh sets the checkout's <c>.data/storage</c>).
    /// </summary>
    public string Root { get; set; } = string.Empty;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Root.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            yield return new ValidationResult("Storage:Root is not a valid path.", [nameof(Root)]);
        }
    }
}
