using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Users;

namespace Veza.Application.Users.Queries.GetMyPreferences;

/// <summary>The caller's preferences; the defaults when never set.</summary>
[Authorize]
public sealed record GetMyPreferencesQuery : IQuery<PreferenceSet>;
