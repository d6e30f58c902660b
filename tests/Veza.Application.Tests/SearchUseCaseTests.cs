using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Veza.Application.Common.Exceptions;
using Veza.Application.Search;
using Veza.Application.Common.Models;
using Veza.Application.Search.Queries.AdvancedSearch;
using Veza.Application.Search.Queries.Search;

namespace Veza.Application.Tests;

/// <summary>Search through MediatR over a substitute index: how a query is understood, validated, grouped and recorded.</summary>
public class SearchUseCaseTests : UseCaseTestBase
{
    private ISearchIndex _index = null!;

    protected override ApplicationHarness CreateHarness()
    {
        _index = Substitute.For<ISearchIndex>();
        _index.SearchAsync(Arg.Any<SearchTerms>(), Arg.Any<IReadOnlyList<SearchKind>>(), Arg.Any<int>(), Arg.Any<Guid?>(), Arg.Any<CancellationToken>())
            .Returns(new Dictionary<SearchKind, IReadOnlyList<SearchHitDto>> { [SearchKind.Tracks] = [new SearchHitDto(Guid.NewGuid(), "Neon", null, 1)] });
        return new(services => services.AddSingleton(_index));
    }

    [TestCase("  Synth   WAVE  ", "synth wave", new[] { "synth", "wave" })]
    [TestCase("rock'n'roll!", "rock'n'roll!", new[] { "rock", "n", "roll" })]
    [TestCase("Beyoncé & Jay-Z", "beyoncé & jay-z", new[] { "beyoncé", "jay", "z" })]
    public void A_query_is_lower_cased_its_spaces_collapsed_and_split_into_prefix_words(string query, string text, string[] words)
    {
        var terms = SearchTerms.Parse(query);

        Assert.That((terms.Text, terms.Words), Is.EqualTo((text, words)));
    }

    [Test]
    public async Task Results_are_keyed_by_the_kinds_asked_and_the_query_is_recorded_without_who_asked()
    {
        var results = await App.SendAsync(new SearchQuery("Neon ", "tracks,users"));

        Assert.Multiple(async () =>
        {
            Assert.That(results.Results.Keys, Is.EquivalentTo(new[] { "tracks", "users" }));
            Assert.That(results.Results["users"], Is.Empty);
            Assert.That(results.Query, Is.EqualTo("neon"));
            await _index.Received(1).RecordAsync("neon", Arg.Is<IReadOnlyList<SearchKind>>(k => k.SequenceEqual(new[] { SearchKind.Tracks, SearchKind.Users })), 1,
                ApplicationHarness.Now, Arg.Any<CancellationToken>());
        });
    }

    [Test]
    public void An_empty_or_punctuation_only_query_an_unknown_type_and_a_huge_limit_are_refused()
    {
        var errors = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new SearchQuery("?!", "tracks,songs", 21)))!.Errors;

        Assert.That(errors.Select(e => e.Field), Is.EquivalentTo(new[] { "q", "type", "limit" }));
    }

    [Test]
    public async Task An_advanced_search_passes_its_normalised_filters_and_default_sort_to_the_index()
    {
        var owner = Guid.NewGuid();
        _index.AdvancedSearchAsync(Arg.Any<AdvancedSearchCriteria>(), Arg.Any<PageRequest>(), Arg.Any<Guid?>(), Arg.Any<CancellationToken>())
            .Returns(new PagedResult<SearchHitDto>([], 2, 10, 0));

        await App.SendAsync(new AdvancedSearchQuery(new PageRequest(2, 10), "tracks", UserId: owner, Genre: " Ambient ", Tags: "Drone, TAPE", TagsMode: "all", MinDuration: 30));
        await App.SendAsync(new AdvancedSearchQuery(new PageRequest(), "listings", Q: "Neumann mic"));

        await _index.Received(1).AdvancedSearchAsync(
            Arg.Is<AdvancedSearchCriteria>(c => c.Kind == SearchKind.Tracks && c.Terms == null && c.Sort == AdvancedSearchSort.New && c.UserId == owner
                && c.Genre == "Ambient" && c.Tags!.SequenceEqual(new[] { "drone", "tape" }) && c.AllTags && c.MinDurationSeconds == 30),
            new PageRequest(2, 10), Arg.Any<Guid?>(), Arg.Any<CancellationToken>());
        await _index.Received(1).AdvancedSearchAsync(
            Arg.Is<AdvancedSearchCriteria>(c => c.Kind == SearchKind.Listings && c.Terms!.Words.SequenceEqual(new[] { "neumann", "mic" }) && c.Sort == AdvancedSearchSort.Relevance),
            new PageRequest(), Arg.Any<Guid?>(), Arg.Any<CancellationToken>());
    }

    [Test]
    public void An_advanced_search_refuses_filters_and_sorts_its_type_does_not_have()
    {
        var errors = Assert.ThrowsAsync<RequestValidationException>(() =>
            App.SendAsync(new AdvancedSearchQuery(new PageRequest(), "users", Sort: "price_asc", Genre: "house", MinPrice: 5)))!.Errors;

        Assert.That(errors.Select(e => e.Field), Is.EquivalentTo(new[] { "genre", "min_price", "sort" }));
        _index.DidNotReceiveWithAnyArgs().AdvancedSearchAsync(default!, default!, default, default);
    }
}
