using Veza.Domain.Categories;
using Veza.Domain.Common;

namespace Veza.Domain.Tests;

public class CategoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Root = Guid.Parse("0193a5b2-7c1e-7d3a-9f10-000000000c01");

    private static Category NewCategory(Guid? parentId = null) => Category.Create(Guid.NewGuid(), "Synthesizers", "synthesizers", parentId, Now);

    [Test]
    public void A_new_category_has_a_trimmed_name_its_slug_and_its_parent()
    {
        var id = Guid.NewGuid();

        var category = Category.Create(id, "  Drum machines  ", "drum-machines", Root, Now);

        Assert.Multiple(() =>
        {
            Assert.That(category.Id, Is.EqualTo(id));
            Assert.That(category.Name, Is.EqualTo("Drum machines"));
            Assert.That(category.Slug, Is.EqualTo("drum-machines"));
            Assert.That(category.ParentId, Is.EqualTo(Root));
            Assert.That(category.CreatedAt, Is.EqualTo(Now));
            Assert.That(category.UpdatedAt, Is.EqualTo(Now));
        });
    }

    [Test]
    public void A_category_without_a_parent_is_a_root() =>
        Assert.That(NewCategory().ParentId, Is.Null);

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("\t\n")]
    public void A_blank_name_is_refused(string name) =>
        Assert.Throws<DomainException>(() => Category.Create(Guid.NewGuid(), name, "synths", null, Now));

    [Test]
    public void A_name_is_at_most_sixty_characters_once_trimmed()
    {
        Assert.That(Category.Create(Guid.NewGuid(), $"  {new string('n', Category.NameMaxLength)}  ", "synths", null, Now).Name, Has.Length.EqualTo(60));
        Assert.Throws<DomainException>(() => Category.Create(Guid.NewGuid(), new string('n', Category.NameMaxLength + 1), "synths", null, Now));
    }

    [TestCase("a")]
    [TestCase("synths")]
    [TestCase("808")]
    [TestCase("drum-machines")]
    [TestCase("tr-808-clones")]
    public void Lowercase_letters_digits_and_single_hyphens_make_a_slug(string slug)
    {
        Assert.That(Category.IsSlug(slug), Is.True);
        Assert.That(Category.Create(Guid.NewGuid(), "Name", slug, null, Now).Slug, Is.EqualTo(slug));
    }

    [TestCase("")]
    [TestCase("Synths")]
    [TestCase("drum--machines")]
    [TestCase("-synths")]
    [TestCase("synths-")]
    [TestCase("-")]
    [TestCase("drum machines")]
    [TestCase(" synths")]
    [TestCase("drum_machines")]
    [TestCase("synthés")]
    [TestCase("synths/keys")]
    public void Anything_else_is_not_a_slug_and_is_refused(string slug)
    {
        Assert.That(Category.IsSlug(slug), Is.False);
        Assert.Throws<DomainException>(() => Category.Create(Guid.NewGuid(), "Name", slug, null, Now));
    }

    [Test]
    public void A_slug_is_at_most_sixty_characters()
    {
        var longest = string.Join('-', Enumerable.Repeat("abcde", 10)); // 10 × 5 + 9 hyphens = 59
        Assert.That(longest + "x", Has.Length.EqualTo(Category.SlugMaxLength));

        Assert.Multiple(() =>
        {
            Assert.That(Category.IsSlug(longest + "x"), Is.True);
            Assert.That(Category.IsSlug(longest + "xy"), Is.False);
            Assert.That(Category.IsSlug(new string('a', Category.SlugMaxLength + 1)), Is.False);
        });
        Assert.Throws<DomainException>(() => Category.Create(Guid.NewGuid(), "Name", new string('a', Category.SlugMaxLength + 1), null, Now));
    }

    [Test]
    public void Renaming_changes_only_what_is_given()
    {
        var category = NewCategory();

        category.Rename("  Keyboards ", null, Now.AddMinutes(1));
        Assert.That((category.Name, category.Slug, category.UpdatedAt), Is.EqualTo(("Keyboards", "synthesizers", Now.AddMinutes(1))));

        category.Rename(null, "keyboards", Now.AddMinutes(2));
        Assert.That((category.Name, category.Slug, category.UpdatedAt), Is.EqualTo(("Keyboards", "keyboards", Now.AddMinutes(2))));

        category.Rename("Keys", "keys", Now.AddMinutes(3));
        Assert.That((category.Name, category.Slug, category.CreatedAt), Is.EqualTo(("Keys", "keys", Now)));
    }

    [Test]
    public void Renaming_checks_the_name_and_slug_like_creation()
    {
        var category = NewCategory();

        Assert.Throws<DomainException>(() => category.Rename("  ", null, Now.AddMinutes(1)));
        Assert.Throws<DomainException>(() => category.Rename(null, "Not A Slug", Now.AddMinutes(1)));
        Assert.That((category.Name, category.Slug, category.UpdatedAt), Is.EqualTo(("Synthesizers", "synthesizers", Now)));
    }

    [Test]
    public void A_category_moves_under_another_parent()
    {
        var category = NewCategory(Root);
        var newParent = Guid.NewGuid();

        var outcome = category.MoveTo(newParent, [newParent, Root], Now.AddHours(1));

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(MoveCategoryOutcome.Moved));
            Assert.That(category.ParentId, Is.EqualTo(newParent));
            Assert.That(category.UpdatedAt, Is.EqualTo(Now.AddHours(1)));
        });
    }

    [Test]
    public void A_category_moves_to_the_root()
    {
        var category = NewCategory(Root);

        Assert.That(category.MoveTo(null, [], Now.AddHours(1)), Is.EqualTo(MoveCategoryOutcome.Moved));
        Assert.That(category.ParentId, Is.Null);
    }

    [Test]
    public void A_category_is_never_put_under_itself()
    {
        var category = NewCategory(Root);

        Assert.That(category.MoveTo(category.Id, [], Now.AddHours(1)), Is.EqualTo(MoveCategoryOutcome.IntoItsOwnSubtree));
        Assert.That((category.ParentId, category.UpdatedAt), Is.EqualTo(((Guid?)Root, Now)));
    }

    [Test]
    public void A_category_is_never_put_under_one_of_its_descendants()
    {
        var category = NewCategory(Root);
        var child = Guid.NewGuid();
        var grandchild = Guid.NewGuid();

        Assert.Multiple(() =>
        {
            Assert.That(category.MoveTo(child, [child, category.Id, Root], Now.AddHours(1)), Is.EqualTo(MoveCategoryOutcome.IntoItsOwnSubtree), "a child");
            Assert.That(category.MoveTo(grandchild, [grandchild, child, category.Id, Root], Now.AddHours(1)), Is.EqualTo(MoveCategoryOutcome.IntoItsOwnSubtree), "a grandchild");
        });
        Assert.That((category.ParentId, category.UpdatedAt), Is.EqualTo(((Guid?)Root, Now)));
    }
}
