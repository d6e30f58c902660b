using FluentValidation;
using MediatR;
using Veza.Application.Common.Caching;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Security;
using Veza.Application.Common.Validation;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Transactions.Commands.RateTransaction;

/// <summary>After completion, each party rates the other once (1–5, an optional comment). Before completion: 422; a second time: 409.</summary>
[Authorize]
public sealed record RateTransactionCommand(Guid TransactionId, int Score, [MultilineText] string? Comment = null) : ICommand<TransactionDto>;

public sealed class RateTransactionCommandValidator : AbstractValidator<RateTransactionCommand>
{
    public RateTransactionCommandValidator()
    {
        RuleFor(c => c.Score).InclusiveBetween(MarketTransaction.MinScore, MarketTransaction.MaxScore).WithMessage("score is 1 to 5.");
        RuleFor(c => c.Comment).MaxText(MarketRules.CommentMaxLength, "comment");
    }
}

public sealed class RateTransactionCommandHandler(IMarketTransactionRepository transactions, IMarketReadModel readModel, IUnitOfWork unitOfWork, IClock clock, ICurrentUser caller, CacheInvalidation invalidation)
    : IRequestHandler<RateTransactionCommand, TransactionDto>
{
    public async Task<TransactionDto> Handle(RateTransactionCommand request, CancellationToken cancellationToken)
    {
        var (transaction, party) = await transactions.LoadForPartyAsync(request.TransactionId, caller, cancellationToken);
        var now = clock.UtcNow;
        switch (transaction.Rate(party, Guid.CreateVersion7(now), request.Score, request.Comment, now))
        {
            case RateOutcome.NotCompleted:
                throw new InvalidStateException("Ratings come once the buyer has received it.", "status", Domain.Common.WireNames.ToWireName(transaction.Status));
            case RateOutcome.AlreadyRated:
                throw new ConflictException("You have rated this transaction already.", "score");
        }

        // Profiles show their marketplace rating.
        invalidation.Profiles(transaction.BuyerId, transaction.SellerId);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return (await readModel.FindTransactionAsync(transaction.Id, cancellationToken))!;
    }
}
