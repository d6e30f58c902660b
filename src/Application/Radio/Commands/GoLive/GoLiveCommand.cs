using MediatR;
using Veza.Application.Common.Exceptions;
using Veza.Domain.Ports;
using Veza.Domain.Radio;

namespace Veza.Application.Radio.Commands.GoLive;

/// <summary>
/// A DJ's encoder connected with a source secret: the station plays that stream live until it ends, then
/// the auto-DJ takes the air back. When the set takes the air the playout records and announces it
/// (AnnounceLiveSetCommand). Refused (401) for a wrong secret, 409 while another DJ is live. Anyone
/// holding the secret may call it (the encoder carries no user token): the secret is the credential.
/// Not transactional: it lasts as long as the DJ's set.
/// </summary>
public sealed record GoLiveCommand(Guid StationId, string Secret, Stream Source) : IRequest<Unit>;

public sealed class GoLiveCommandHandler(IStationRepository stations, Domain.Users.IUserRepository users, ITokenService secrets, IRadioPlayout playout)
    : IRequestHandler<GoLiveCommand, Unit>
{
    public async Task<Unit> Handle(GoLiveCommand request, CancellationToken cancellationToken)
    {
        var station = await RadioAccess.StationAsync(stations, request.StationId, cancellationToken);
        var dj = string.IsNullOrEmpty(request.Secret) ? null : station.SourceOf(secrets.HashOpaqueToken(request.Secret));
        if (dj is null)
        {
            throw new SourceRefusedException();
        }

        var name = (await users.GetByIdAsync(dj.UserId, cancellationToken))?.Username ?? "DJ";
        if (!await playout.PlayLiveSourceAsync(station.Id, name, request.Source, cancellationToken))
        {
            throw new ConflictException("Another DJ is live on this station.", "source");
        }

        return Unit.Value;
    }
}

/// <summary>A live source with a wrong or missing secret (401, as Icecast answers a bad source password).</summary>
public sealed class SourceRefusedException() : UnauthorizedException("The source secret is not one of this station's.");
