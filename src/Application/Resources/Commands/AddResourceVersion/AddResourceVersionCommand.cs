using FluentValidation;
using MediatR;
using Veza.Application.Common.Behaviours;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;
using Veza.Application.Resources.Processing;
using Veza.Domain.Ports;
using Veza.Domain.Resources;

namespace Veza.Application.Resources.Commands.AddResourceVersion;

/// <summary>A new file for a resource (owner and editors), numbered after the last one; the older versions stay. Counted in the owner's quota.</summary>
[Authorize]
public sealed record AddResourceVersionCommand(Guid Id, Stream Content, string? FileName, long? AnnouncedLength, [property: MultilineText] string? Changelog = null)
    : ICommand<ResourceVersionDto>, IRequiresVerifiedEmail, IStreamsBeforeItsTransaction;

public sealed class AddResourceVersionCommandValidator : AbstractValidator<AddResourceVersionCommand>
{
    public AddResourceVersionCommandValidator() =>
        RuleFor(c => c.Changelog).MaximumLength(ResourceDetails.ChangelogMaxLength).WithMessage($"changelog is at most {ResourceDetails.ChangelogMaxLength} characters.");
}

public sealed class AddResourceVersionCommandHandler(
    ISharedResourceRepository resources, ResourceFileUpload upload, IJobScheduler jobs, CommandTransaction transaction, IUnitOfWork unitOfWork, IClock clock, ICurrentUser caller)
    : IRequestHandler<AddResourceVersionCommand, ResourceVersionDto>
{
    public async Task<ResourceVersionDto> Handle(AddResourceVersionCommand request, CancellationToken cancellationToken)
    {
        // Checked before the bytes are read (a stranger's upload is refused at once), and again in the transaction,
        // read once the owner's upload lock is held: two versions uploaded at once are numbered one after the other.
        var (before, _) = await resources.LoadAsync(request.Id, caller, ResourceAccess.Edit, cancellationToken);
        var file = await upload.StoreAsync(before.Id, before.OwnerId, request.Content, request.FileName, request.AnnouncedLength, cancellationToken);

        unitOfWork.DiscardChanges();
        await transaction.BeginAsync(cancellationToken);
        await upload.ConfirmAsync(before.OwnerId, file.Bytes, cancellationToken);
        var (resource, _) = await resources.LoadAsync(request.Id, caller, ResourceAccess.Edit, cancellationToken);
        var version = resource.AddVersion(file, request.Changelog, caller.UserId!.Value, clock.UtcNow);
        ProbeResourceAudioJob.EnqueueFor(jobs, version, file);
        return ResourceProjection.ToDto(version);
    }
}
