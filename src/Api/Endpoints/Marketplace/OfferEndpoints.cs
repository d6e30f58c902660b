using System.Text.Json;
using System.Text.Json.Serialization;
using MediatR;
using Microsoft.Extensions.Options;
using Veza.Api.Http;
using Veza.Application.Common.Models;
using Veza.Application.Marketplace.Offers.Commands.AcceptOffer;
using Veza.Application.Marketplace.Offers.Commands.CounterOffer;
using Veza.Application.Marketplace.Offers.Commands.MakeOffer;
using Veza.Application.Marketplace.Offers.Commands.RejectOffer;
using Veza.Application.Marketplace.Offers.Commands.WithdrawOffer;
using Veza.Application.Marketplace.Offers.Queries.GetOffer;
using Veza.Application.Marketplace.Offers.Queries.ListOffers;
using Veza.Application.Marketplace.Transactions.Commands.CancelTransaction;
using Veza.Application.Marketplace.Transactions.Commands.MarkReceived;
using Veza.Application.Marketplace.Transactions.Commands.MarkShipped;
using Veza.Application.Marketplace.Transactions.Commands.RateTransaction;
using Veza.Application.Marketplace.Transactions.Queries.GetTransaction;
using Veza.Application.Marketplace.Transactions.Queries.ListTransactions;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Veza.Api.Endpoints.Marketplace;

/// <summary>Offers and the transactions they open: between their two parties (anyone else: 404); every step is pushed to both over SignalR.</summary>
public sealed class OfferEndpoints : IEndpointGroup
{
    private const string Turns =
        "After the buyer's offer it is the seller's turn; each counter hands the turn to the other party. The party whose turn it is counters, accepts or rejects; a move out of turn, or on an accepted, rejected, withdrawn or expired offer, is 422 INVALID_STATE (details name the turn or the status). Offers expire after 72 hours without an answer (configurable). Both parties get the realtime event offer_updated.";

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/listings").WithTags("Offers").RequireAuthorization()
            .MapPost("/{id:guid}/offers", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var f = StrictJson.Read<OfferTermsBody>(body, json.Value.SerializerOptions);
                var offer = await mediator.Send(new MakeOfferCommand(id, f.Amount, f.Currency, f.OfferedListingIds, f.Message), ct);
                return ApiResults.Created($"/api/v1/offers/{offer.Id}", offer, "Offer made.");
            })
            .Accepts<OfferTermsBody>("application/json")
            .WithName("MakeOffer")
            .WithSummary("Make an offer on a listing")
            .WithDescription("amount and currency (the listing's currency; a string \"80.00\" or a number), offered_listing_ids (barter: your own active listings, at most 5), message. A sale listing takes money only, a trade listing takes listings (money on top allowed), sale_or_trade either or both (422 otherwise, and for a listing of someone else's in offered_listing_ids). Your own listing: 403; a seller who blocked you or whom you blocked: 403; a listing not active: 422; an open offer of yours on it already: 409. " + Turns)
            .ProducesErrors(400, 401, 403, 404, 409, 413, 415, 422, 429);

        var offers = app.MapGroup("/api/v1/offers").WithTags("Offers").RequireAuthorization();

        offers.MapGet("", async (int? page, int? limit, string? role, string? status, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new ListOffersQuery(PageRequest.From(page, limit), role, status), ct)))
            .WithName("ListOffers")
            .WithSummary("The caller's offers")
            .WithDescription("role buyer | seller (both when left out), status pending | countered | accepted | rejected | withdrawn | expired; most recently moved first. turn is null once final. Paged.")
            .ProducesErrors(400, 401, 429);

        offers.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new GetOfferQuery(id), ct)))
            .WithName("GetOffer")
            .WithSummary("An offer with its history")
            .WithDescription("For its buyer, its seller and admins (others: 404). history: every move in order with the terms after it (by null: the platform, for expiry or a listing that went elsewhere).")
            .ProducesErrors(401, 404, 429);

        offers.MapPost("/{id:guid}/counter", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var f = StrictJson.Read<OfferTermsBody>(body, json.Value.SerializerOptions);
                return ApiResults.Ok(await mediator.Send(new CounterOfferCommand(id, f.Amount, f.Currency, f.OfferedListingIds, f.Message), ct), "Counter-offer made.");
            })
            .Accepts<OfferTermsBody>("application/json")
            .WithName("CounterOffer")
            .WithSummary("Counter an offer (the party whose turn it is)")
            .WithDescription("New terms, as for an offer; the same offer gains a step in its history. Listings in offered_listing_ids are always the buyer's. " + Turns)
            .ProducesErrors(400, 401, 404, 409, 413, 415, 422, 429);

        offers.MapPost("/{id:guid}/accept", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new AcceptOfferCommand(id), ct), "Offer accepted."))
            .WithName("AcceptOffer")
            .WithSummary("Accept the terms on the table (the party whose turn it is)")
            .WithDescription("Reserves the listing and any bartered listings, opens a transaction (transaction_id in the answer) and rejects every other open offer involving those listings, with a reason. A listing no longer available: 422. Two accepts racing on one listing: exactly one wins, the other gets 409 CONFLICT. " + Turns)
            .ProducesErrors(401, 404, 409, 422, 429);

        offers.MapPost("/{id:guid}/reject", async (Guid id, JsonElement? body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var f = body is { ValueKind: JsonValueKind.Object } b ? StrictJson.Read<RejectOfferBody>(b, json.Value.SerializerOptions) : new RejectOfferBody();
                return ApiResults.Ok(await mediator.Send(new RejectOfferCommand(id, f.Message), ct), "Offer rejected.");
            })
            .Accepts<RejectOfferBody>("application/json")
            .WithName("RejectOffer")
            .WithSummary("Reject an offer (the party whose turn it is)")
            .WithDescription("An optional body {message}. " + Turns)
            .ProducesErrors(400, 401, 404, 409, 413, 415, 422, 429);

        offers.MapPost("/{id:guid}/withdraw", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new WithdrawOfferCommand(id), ct), "Offer withdrawn."))
            .WithName("WithdrawOffer")
            .WithSummary("Withdraw an offer (its buyer)")
            .WithDescription("While it is open, whoever's turn it is. The seller, or an offer already final: 422.")
            .ProducesErrors(401, 404, 409, 422, 429);

        var transactions = app.MapGroup("/api/v1/transactions").WithTags("Transactions").RequireAuthorization();

        transactions.MapGet("", async (int? page, int? limit, IMediator mediator, CancellationToken ct) =>
                ApiResults.Page(await mediator.Send(new ListTransactionsQuery(PageRequest.From(page, limit)), ct)))
            .WithName("ListTransactions")
            .WithSummary("The caller's transactions, as buyer or seller")
            .WithDescription("Newest first, with the ratings given. Veza records what was agreed; money moves outside the platform. Paged.")
            .ProducesErrors(400, 401, 429);

        transactions.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) => ApiResults.Ok(await mediator.Send(new GetTransactionQuery(id), ct)))
            .WithName("GetTransaction")
            .WithSummary("A transaction")
            .WithDescription("For its buyer, its seller and admins (others: 404).")
            .ProducesErrors(401, 404, 429);

        transactions.MapPost("/{id:guid}/shipped", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new MarkShippedCommand(id), ct), "Marked shipped."))
            .WithName("MarkTransactionShipped")
            .WithSummary("The seller sent it")
            .WithDescription("Seller only (the buyer: 403); open transactions only (422). Both parties get transaction_updated.")
            .ProducesErrors(401, 403, 404, 409, 422, 429);

        transactions.MapPost("/{id:guid}/received", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new MarkReceivedCommand(id), ct), "Marked received."))
            .WithName("MarkTransactionReceived")
            .WithSummary("The buyer has it: the transaction completes")
            .WithDescription("Buyer only (the seller: 403), shipped or not (a hand-over in person). The listing and any bartered listings become sold (watchers get watched_listing_sold). Cancelled or complete: 422.")
            .ProducesErrors(401, 403, 404, 409, 422, 429);

        transactions.MapPost("/{id:guid}/cancel", async (Guid id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Ok(await mediator.Send(new CancelTransactionCommand(id), ct), "Cancellation recorded."))
            .WithName("CancelTransaction")
            .WithSummary("Ask to call the transaction off (both parties must)")
            .WithDescription("The first party's call records the request (buyer_cancel_requested_at or seller_cancel_requested_at); when both have asked, it is cancelled and its listings are back on the market. Complete or cancelled: 422.")
            .ProducesErrors(401, 404, 409, 422, 429);

        transactions.MapPost("/{id:guid}/rating", async (Guid id, JsonElement body, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var f = StrictJson.Read<RateTransactionBody>(body, json.Value.SerializerOptions);
                return ApiResults.Created($"/api/v1/transactions/{id}", await mediator.Send(new RateTransactionCommand(id, f.Score ?? 0, f.Comment), ct), "Rating recorded.");
            })
            .Accepts<RateTransactionBody>("application/json")
            .WithName("RateTransaction")
            .WithSummary("Rate the other party (once, after completion)")
            .WithDescription("score 1-5, comment at most 1,000 characters. Before completion: 422; a second rating: 409. The average and count show on profiles, listings and GET /users/{id}/ratings.")
            .ProducesErrors(400, 401, 404, 409, 413, 415, 422, 429);
    }
}

/// <summary>Terms of an offer or a counter-offer.</summary>
public sealed record OfferTermsBody(
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] decimal? Amount = null,
    string? Currency = null,
    IReadOnlyList<Guid>? OfferedListingIds = null,
    string? Message = null);

public sealed record RejectOfferBody(string? Message = null);

public sealed record RateTransactionBody(int? Score = null, string? Comment = null);
