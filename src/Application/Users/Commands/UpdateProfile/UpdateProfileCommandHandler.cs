using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.ReadModels;
using Veza.Domain.Auditing;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Users.Commands.UpdateProfile;

public sealed class UpdateProfileCommandHandler(IUserRepository users, IUserDirectory directory, IAuditTrail audit, IClock clock, ICurrentUser caller)
    : IRequestHandler<UpdateProfileCommand, UserProfileDto>
{
    public async Task<UserProfileDto> Handle(UpdateProfileCommand request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId!.Value;
        var user = await users.GetByIdAsync(userId, cancellationToken) ?? throw new NotFoundException("The account no longer exists.");
        user.UpdateProfile(new ProfileChanges(request.FirstName, request.LastName, request.DisplayName, request.Bio, request.Location, request.Links), clock.UtcNow);
        audit.Record(AuditActions.ProfileUpdate, AuditOutcomes.Success, userId, "fields: " + string.Join(", ", ChangedFields(request)), AuditTargets.User(userId));

        // Counters and avatar from the read side; the profile text from the entity (not saved yet).
        var data = await directory.FindProfileAsync(userId, userId, cancellationToken) ?? throw new NotFoundException("The account no longer exists.");
        data = data with
        {
            FirstName = user.FirstName, LastName = user.LastName, DisplayName = user.DisplayName, Bio = user.Bio, Location = user.Location, Links = user.Links,
        };
        return ProfileView.For(data, userId, caller.Role);
    }

    /// <summary>Which fields the request set (never their values: a bio is no business of the audit trail).</summary>
    private static IEnumerable<string> ChangedFields(UpdateProfileCommand c) => new (string Name, object? Value)[]
    {
        ("first_name", c.FirstName), ("last_name", c.LastName), ("display_name", c.DisplayName), ("bio", c.Bio), ("location", c.Location), ("links", c.Links),
    }.Where(f => f.Value is not null).Select(f => f.Name).DefaultIfEmpty("none");
}
