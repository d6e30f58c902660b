using FluentValidation;
using Veza.Domain.Users;

namespace Veza.Application.Users.Avatars.Queries.GetUserAvatar;

public sealed class GetUserAvatarQueryValidator : AbstractValidator<GetUserAvatarQuery>
{
    public GetUserAvatarQueryValidator()
    {
        RuleFor(x => x.Size).Must(AvatarRules.IsSize)
            .WithMessage($"The size must be {string.Join(" or ", AvatarRules.Sizes)}.");
    }
}
