using Veza.Application.Common.Exceptions;
using Veza.Domain.Common;
using Veza.Domain.Marketplace;
using Veza.Domain.Ports;

namespace Veza.Application.Marketplace.Transactions;

/// <summary>Loads a transaction for one of its parties (anyone else: 404) and turns refused steps into HTTP answers.</summary>
public static class TransactionCommandAccess
{
    public static async Task<(MarketTransaction Transaction, MarketParty Party)> LoadForPartyAsync(
        this IMarketTransactionRepository transactions, Guid transactionId, ICurrentUser caller, CancellationToken cancellationToken)
    {
        var transaction = await transactions.GetAsync(transactionId, cancellationToken);
        if (transaction?.PartyOf(caller.UserId!.Value) is not { } party)
        {
            throw new NotFoundException("No transaction with this id.");
        }

        return (transaction, party);
    }

    public static void EnsureDone(this TransactionOutcome outcome, MarketTransaction transaction, string whose)
    {
        switch (outcome)
        {
            case TransactionOutcome.NotYourPart:
                throw new ForbiddenException($"Only the {whose} does this.");
            case TransactionOutcome.WrongState:
                throw WrongState(transaction);
        }
    }

    public static InvalidStateException WrongState(MarketTransaction transaction) =>
        new($"The transaction is {transaction.Status.ToWireName()}: this step does not apply.", "status", transaction.Status.ToWireName());

    /// <summary>Applies what the transaction's end means to its listings: sold, or back on the market.</summary>
    public static async Task SettleListingsAsync(this IListingRepository listings, MarketTransaction transaction, MarketSettings settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var listing in await listings.GetManyAsync(transaction.ListingIds, cancellationToken))
        {
            _ = transaction.Status == TransactionStatus.Completed ? listing.MarkSold(now) : listing.Release(now, settings.ListingLifetime);
        }
    }
}
