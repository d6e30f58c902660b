using MediatR;
using Veza.Domain.Ports;
using Veza.Domain.Users;

namespace Veza.Application.Users.Queries.GetMyPreferences;

public sealed class GetMyPreferencesQueryHandler(IUserPreferencesRepository preferences, ICurrentUser caller) : IRequestHandler<GetMyPreferencesQuery, PreferenceSet>
{
    public async Task<PreferenceSet> Handle(GetMyPreferencesQuery request, CancellationToken cancellationToken) =>
        (await preferences.FindAsync(caller.UserId!.Value, cancellationToken))?.Values.Complete() ?? PreferenceSet.Default;
}
