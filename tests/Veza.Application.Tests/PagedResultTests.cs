using Veza.Application.Common.Models;

namespace Veza.Application.Tests;

public class PagedResultTests
{
    [TestCase(1, 20, 0, 0, false, false)]
    [TestCase(1, 20, 20, 1, false, false)]
    [TestCase(1, 20, 21, 2, true, false)]
    [TestCase(2, 20, 41, 3, true, true)]
    [TestCase(3, 20, 41, 3, false, true)]
    public void Pages_are_derived_from_total_and_limit(int page, int limit, long total, int totalPages, bool hasNext, bool hasPrev)
    {
        var result = new PagedResult<int>([], page, limit, total);

        Assert.That((result.TotalPages, result.HasNext, result.HasPrev), Is.EqualTo((totalPages, hasNext, hasPrev)));
    }

    [Test]
    public void Offset_starts_at_zero_for_page_one() =>
        Assert.That(new PageRequest(3, 25).Offset, Is.EqualTo(50));
}
