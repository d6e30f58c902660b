using FluentValidation;
using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;
using Veza.Domain.Common;
using Veza.Domain.Ports;
using Veza.Domain.Resources;
using Veza.Domain.Tracks;

namespace Veza.Application.Resources.Commands.UpdateResource;

/// <summary>Changes the fields given (owner and editors); who may see it (<see cref="Visibility"/>) is the owner's alone to change.</summary>
[Authorize]
public sealed record UpdateResourceCommand(
    Guid Id, string? Title = null, [property: MultilineText] string? Description = null, string? Kind = null, IReadOnlyList<string>? Tags = null, string? Visibility = null)
    : ICommand<SharedResourceDto>;

public sealed class UpdateResourceCommandValidator : AbstractValidator<UpdateResourceCommand>
{
    public UpdateResourceCommandValidator()
    {
        RuleFor(c => c.Kind).ResourceKindName();
        RuleFor(c => c.Visibility).ResourceVisibilityName();
        RuleFor(c => c.Title).Must(t => t is null || t.Trim().Length is > 0 and <= ResourceDetails.TitleMaxLength)
            .WithMessage($"title is 1 to {ResourceDetails.TitleMaxLength} characters.");
        RuleFor(c => c.Description).MaximumLength(ResourceDetails.DescriptionMaxLength).WithMessage($"description is at most {ResourceDetails.DescriptionMaxLength} characters.");
    }
}

public sealed class UpdateResourceCommandHandler(ISharedResourceRepository resources, IResourceReadModel readModel, IClock clock, ICurrentUser caller)
    : IRequestHandler<UpdateResourceCommand, SharedResourceDto>
{
    public async Task<SharedResourceDto> Handle(UpdateResourceCommand request, CancellationToken cancellationToken)
    {
        var (resource, access) = await resources.LoadAsync(request.Id, caller, ResourceAccess.Edit, cancellationToken);
        var visibility = request.Visibility is null ? resource.Visibility : WireNames.Parse<ResourceVisibility>(request.Visibility);
        if (visibility != resource.Visibility && access != ResourceAccess.Own)
        {
            throw new ForbiddenException("Only the owner changes who may see a resource.");
        }

        var current = resource.Details;
        resource.Edit(
            ResourceDetails.Checked(
                request.Title ?? current.Title,
                request.Description ?? current.Description,
                request.Kind is null ? current.Kind : WireNames.Parse<ResourceKind>(request.Kind),
                request.Tags is null ? current.Tags : TrackRules.NormalizeTags(request.Tags),
                visibility),
            clock.UtcNow);
        return await readModel.ProjectAsync(resource, access, cancellationToken);
    }
}
