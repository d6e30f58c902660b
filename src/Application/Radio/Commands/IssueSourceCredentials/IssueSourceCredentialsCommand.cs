using MediatR;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Domain.Ports;

namespace Veza.Application.Radio.Commands.IssueSourceCredentials;

/// <summary>
/// The owner or a DJ gets where and how to stream live into the station with any Icecast-compatible
/// encoder: the source URL, their username and a new secret (shown once; only its hash is kept, and it
/// replaces their previous one).
/// </summary>
[Authorize]
public sealed record IssueSourceCredentialsCommand(Guid StationId) : ICommand<SourceCredentialsDto>;

/// <param name="SourceUrl">HTTP PUT the MP3 stream there, with Basic authentication username:secret (Icecast 2.4 sources, ffmpeg -method PUT).</param>
public sealed record SourceCredentialsDto(string SourceUrl, string Username, string Secret);

public sealed class IssueSourceCredentialsCommandHandler(Domain.Radio.IStationRepository stations, ITokenService secrets, ICurrentUser caller, IClock clock)
    : IRequestHandler<IssueSourceCredentialsCommand, SourceCredentialsDto>
{
    public async Task<SourceCredentialsDto> Handle(IssueSourceCredentialsCommand request, CancellationToken cancellationToken)
    {
        var station = await RadioAccess.StationAsync(stations, request.StationId, cancellationToken);
        if (!station.IsRunBy(caller.UserId!.Value))
        {
            throw new Common.Exceptions.ForbiddenException("Only the station's owner and DJs stream live.");
        }

        var secret = secrets.CreateOpaqueToken();
        station.SetSourceSecret(caller.UserId.Value, secrets.HashOpaqueToken(secret), clock.UtcNow);
        return new SourceCredentialsDto($"/api/v1/radio/stations/{station.Id}/source", caller.Username ?? "source", secret);
    }
}
