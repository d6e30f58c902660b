using FluentValidation;
using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;
using Veza.Application.Resources.Processing;
using Veza.Application.Tracks.Upload;
using Veza.Domain.Common;
using Veza.Domain.Ports;
using Veza.Domain.Resources;
using Veza.Domain.Tracks;

namespace Veza.Application.Resources.Commands.CreateResource;

/// <summary>
/// Shares a file: it streams from <paramref name="Content"/> to storage (never whole in memory), counted in the
/// caller's quota, and becomes version 1. Audio is probed afterwards for its duration and waveform.
/// </summary>
/// <param name="AnnouncedLength">The most the file can be, from the request's length, or null when unknown.</param>
/// <param name="Title">Null or blank: the file name's stem.</param>
/// <param name="Tags">A comma list.</param>
[Authorize]
public sealed record CreateResourceCommand(
    Stream Content,
    string? FileName,
    long? AnnouncedLength,
    string? Title = null,
    [property: MultilineText] string? Description = null,
    string? Kind = null,
    string? Tags = null,
    string? Visibility = null) : ICommand<SharedResourceDto>, IRequiresVerifiedEmail, IStreamsBeforeItsTransaction;

public sealed class CreateResourceCommandValidator : AbstractValidator<CreateResourceCommand>
{
    public CreateResourceCommandValidator()
    {
        RuleFor(c => c.Kind).NotEmpty().WithMessage($"kind is required: one of {string.Join(", ", WireNames.All<ResourceKind>())}.").ResourceKindName();
        RuleFor(c => c.Visibility).ResourceVisibilityName();
        RuleFor(c => c.Title).MaximumLength(ResourceDetails.TitleMaxLength).WithMessage($"title is at most {ResourceDetails.TitleMaxLength} characters.");
        RuleFor(c => c.Description).MaximumLength(ResourceDetails.DescriptionMaxLength).WithMessage($"description is at most {ResourceDetails.DescriptionMaxLength} characters.");
    }
}

public sealed class CreateResourceCommandHandler(
    ISharedResourceRepository resources,
    ResourceFileUpload upload,
    IJobScheduler jobs,
    CommandTransaction transaction,
    IClock clock,
    ICurrentUser caller) : IRequestHandler<CreateResourceCommand, SharedResourceDto>
{
    public async Task<SharedResourceDto> Handle(CreateResourceCommand request, CancellationToken cancellationToken)
    {
        var ownerId = caller.UserId!.Value;
        var details = ResourceDetails.Checked(
            string.IsNullOrWhiteSpace(request.Title) ? UploadFileNames.TitleFrom(request.FileName) : request.Title,
            request.Description,
            WireNames.Parse<ResourceKind>(request.Kind!),
            TrackRules.ParseTagList(request.Tags),
            request.Visibility is null ? ResourceVisibility.Public : WireNames.Parse<ResourceVisibility>(request.Visibility));

        var id = Guid.CreateVersion7();
        var file = await upload.StoreAsync(id, ownerId, request.Content, request.FileName, request.AnnouncedLength, cancellationToken);

        await transaction.BeginAsync(cancellationToken);
        await upload.ConfirmAsync(ownerId, file.Bytes, cancellationToken);
        var resource = SharedResource.Create(id, ownerId, details, file, clock.UtcNow);
        resources.Add(resource);
        ProbeResourceAudioJob.EnqueueFor(jobs, resource.Latest, file);
        return ResourceProjection.ToDto(resource, caller.Username!, ResourceAccess.Own, downloadCount: 0);
    }
}
