using FluentValidation;
using Veza.Application.Common.Exceptions;
using Veza.Application.Marketplace;
using Veza.Application.Playlists;
using Veza.Domain.Ports;
using Veza.Domain.Resources;

namespace Veza.Application.Resources;

/// <summary>
/// Loading a resource for what the caller wants to do with it: 404 when they may not even view it (a private or
/// shared resource is not revealed), 403 when they may view it but not do this.
/// </summary>
public static class ResourceAccessGuard
{
    public static async Task<(SharedResource Resource, ResourceAccess Access)> LoadAsync(
        this ISharedResourceRepository resources, Guid id, ICurrentUser caller, ResourceAccess needed, CancellationToken cancellationToken)
    {
        var resource = await resources.GetAsync(id, cancellationToken);
        var access = resource?.AccessFor(caller.UserId, caller.IsAdmin()) ?? ResourceAccess.None;
        if (resource is null || access == ResourceAccess.None)
        {
            throw new NotFoundException("No shared resource with this id.");
        }

        return access >= needed ? (resource, access) : throw new ForbiddenException(needed switch
        {
            ResourceAccess.Download => "You may view this resource but not download it.",
            ResourceAccess.Edit => "Only its owner and editors change this resource.",
            _ => "Only its owner does this.",
        });
    }

    public static IRuleBuilderOptions<T, string?> ResourceKindName<T>(this IRuleBuilder<T, string?> rule) => rule.OneOf<T, ResourceKind>("kind");

    public static IRuleBuilderOptions<T, string?> ResourceVisibilityName<T>(this IRuleBuilder<T, string?> rule) => rule.OneOf<T, ResourceVisibility>("visibility");
}
