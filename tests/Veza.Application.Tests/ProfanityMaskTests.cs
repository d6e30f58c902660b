using Veza.Application.Chat;

namespace Veza.Application.Tests;

public class ProfanityMaskTests
{
    private static readonly ProfanityMask Mask = new(ChatSettings.Default with { ProfanityWords = ["shit", "bastard", "c++ sucks"] });

    [TestCase("holy shit", "holy s***")]
    [TestCase("SHIT happens, Shit!", "S*** happens, S***!")]
    [TestCase("shitake mushrooms", "shitake mushrooms")]
    [TestCase("you bastard.", "you b******.")]
    [TestCase("c++ sucks", "c********")]
    [TestCase("nothing to see", "nothing to see")]
    public void Whole_words_are_masked_whatever_their_case_keeping_the_first_letter(string content, string expected) =>
        Assert.That(Mask.Apply(content), Is.EqualTo(expected));

    [Test]
    public void An_empty_list_masks_nothing() =>
        Assert.That(new ProfanityMask(ChatSettings.Default with { ProfanityWords = [] }).Apply("holy shit"), Is.EqualTo("holy shit"));
}
