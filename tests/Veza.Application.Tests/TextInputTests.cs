using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Veza.Application.Auth.Commands.Login;
using Veza.Application.Auth.Commands.Register;
using Veza.Application.Common.Exceptions;
using Veza.Application.Common.Messaging;
using Veza.Application.Common.Validation;
using Veza.Application.Users.Commands.ChangePassword;
using Veza.Domain.Users;

namespace Veza.Application.Tests;

/// <summary>A request shaped like the ones to come: prose, a list, a record inside, a list of records.</summary>
public sealed record PostNoteCommand(
    string Title, [MultilineText] string Body, IReadOnlyList<string> Tags, NoteAuthor Author, IReadOnlyList<NoteAuthor> Coauthors, string? Subtitle = null)
    : ICommand<string>;

public sealed record NoteAuthor(string DisplayName, Guid Id);

public sealed class PostNoteCommandHandler : IRequestHandler<PostNoteCommand, string>
{
    public Task<string> Handle(PostNoteCommand request, CancellationToken cancellationToken) => Task.FromResult("posted");
}

/// <summary>
/// Control characters are refused in every string a request carries, before any validator or handler
/// sees them: a NUL used to reach PostgreSQL, which refuses it with an error (a 500).
/// </summary>
public class TextInputTests : UseCaseTestBase
{
    private const string Password = "violet-tape-deck-42";

    protected override ApplicationHarness CreateHarness() =>
        new(s => s.AddScoped<IRequestHandler<PostNoteCommand, string>, PostNoteCommandHandler>());

    [TestCase("a\u0000b", Password, "login")]
    [TestCase("dj_nova", "violet\u0000tape-deck-42", "password")]
    public void Login_refuses_control_characters_with_the_field(string login, string password, string field) =>
        AssertRefused(() => App.SendAsync(new LoginCommand(login, password)), field);

    [Test]
    public void Login_refuses_a_lone_surrogate() =>
        AssertRefused(() => App.SendAsync(new LoginCommand("dj_nova", "violet-tape-deck-" + (char)0xD83C)), "password");

    [TestCase("dj\u0000nova", "nova@example.com", Password, "username")]
    [TestCase("nl24781e00dd\n", "nova@example.com", Password, "username")]
    [TestCase("dj_nova", "nova\u0000@example.com", Password, "email")]
    [TestCase("dj_nova", "nova@example.com\u0085", Password, "email")]
    [TestCase("dj_nova", "nova@example.com", "violet-tape-deck-42\u0000", "password")]
    public void Register_refuses_control_characters_with_only_that_field(string username, string email, string password, string field)
    {
        AssertRefused(() => App.SendAsync(new RegisterCommand(username, email, password)), field);
        Assert.That(App.StoredUsers, Is.Empty);
    }

    [Test]
    public async Task ChangePassword_refuses_a_NUL_in_the_new_password()
    {
        await App.SendAsync(new RegisterCommand("dj_nova", "nova@example.com", Password));
        App.SignInAs(App.StoredUsers.Single(), App.StoredSessions.Single().Id);

        AssertRefused(() => App.SendAsync(new ChangePasswordCommand(Password, "amber\u0000reel-to-reel-7")), "new_password");
    }

    [Test]
    public async Task Multiline_fields_take_line_breaks_and_tabs_and_others_do_not()
    {
        Assert.That(await App.SendAsync(Note(body: "first line\r\nsecond\tline\n")), Is.EqualTo("posted"));

        AssertRefused(() => App.SendAsync(Note(title: "two\nlines")), "title");
        AssertRefused(() => App.SendAsync(Note(body: "a NUL \u0000 is never text")), "body");
        AssertRefused(() => App.SendAsync(Note(body: "nor a bell \u0007")), "body");
    }

    [Test]
    public void Collections_and_records_one_level_down_are_checked_with_their_path()
    {
        var error = Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(Note(
            tags: ["house", "te\u0000chno"],
            author: new NoteAuthor("Nova\u001B[31m", Guid.NewGuid()),
            coauthors: [new NoteAuthor("Kai", Guid.NewGuid()), new NoteAuthor("Mi\u0000ra", Guid.NewGuid())])));

        Assert.That(error!.Errors.Select(e => e.Field), Is.EqualTo(new[] { "tags[1]", "author.display_name", "coauthors[1].display_name" }));
    }

    [Test]
    public async Task Null_strings_and_clean_text_pass() =>
        Assert.That(await App.SendAsync(Note(subtitle: null, title: "Caf\u00E9 \uD83C\uDFB5 \u200B\u00A0")), Is.EqualTo("posted"));

    private static PostNoteCommand Note(
        string title = "Night drive", string body = "Notes", IReadOnlyList<string>? tags = null, NoteAuthor? author = null,
        IReadOnlyList<NoteAuthor>? coauthors = null, string? subtitle = "sub") =>
        new(title, body, tags ?? ["synthwave"], author ?? new NoteAuthor("Nova", Guid.NewGuid()), coauthors ?? [], subtitle);

    private static void AssertRefused(Func<Task> send, string field)
    {
        var error = Assert.ThrowsAsync<RequestValidationException>(send);
        Assert.That(error!.Errors.Select(e => e.Field), Is.EqualTo(new[] { field }));
        Assert.That(error.Errors.Single().Message, Does.Contain("control characters"));
    }
}
