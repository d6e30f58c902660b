using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Veza.Application.Common.Exceptions;
using Veza.Application.Search;
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
}
