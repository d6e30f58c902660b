namespace Veza.Application.Tests;

/// <summary>A fresh <see cref="ApplicationHarness"/> per test.</summary>
public abstract class UseCaseTestBase
{
    protected ApplicationHarness App { get; private set; } = null!;

    protected virtual ApplicationHarness CreateHarness() => new();

    [SetUp]
    public void CreateApplication() => App = CreateHarness();

    [TearDown]
    public async Task DisposeApplication() => await App.DisposeAsync();
}
