using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;

namespace Veza.Application.Tracks.Plays.Commands.ClearListeningHistory;

/// <summary>Empties the caller's listening history. The plays still count for the tracks and their owners.</summary>
[Authorize]
public sealed record ClearListeningHistoryCommand : ICommand<Unit>;
