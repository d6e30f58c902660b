using System.ComponentModel.DataAnnotations;
using Veza.Application.Resources;

namespace Veza.Infrastructure.Resources;

/// <summary>Shared resources' limits (<c>SharedResources:*</c>).</summary>
public sealed class ResourceOptions
{
    public const string Section = "SharedResources";

    /// <summary>The largest file (each version) a user may share; the owner's quota applies as well.</summary>
    [Range(1, 1L << 40)]
    public long MaxFileBytes { get; set; } = ResourceSettings.Default.MaxFileBytes;

    public ResourceSettings ToSettings() => new(MaxFileBytes);
}
