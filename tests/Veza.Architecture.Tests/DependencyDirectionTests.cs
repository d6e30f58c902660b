using System.Reflection;
using System.Xml.Linq;

namespace Veza.Architecture.Tests;

/// <summary>Api -> Infrastructure -> Application -> Domain, and nothing the other way or sideways.</summary>
public class DependencyDirectionTests
{
    private static readonly Assembly Domain = typeof(Veza.Domain.Common.Entity).Assembly;
    private static readonly Assembly Application = typeof(Veza.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(Veza.Infrastructure.DependencyInjection).Assembly;

    [Test]
    public void Domain_references_nothing_but_the_base_library()
    {
        var references = Names(Domain);

        Assert.That(references.Where(n => !IsBaseLibrary(n)), Is.Empty);
    }

    [Test]
    public void Application_references_only_domain_mediatr_fluentvalidation_and_abstractions()
    {
        var allowed = new[] { "Veza.Domain", "MediatR", "FluentValidation", "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Logging.Abstractions" };

        var references = Names(Application).Where(n => !IsBaseLibrary(n));

        Assert.That(references, Is.SubsetOf(allowed));
    }

    [TestCase("Microsoft.EntityFrameworkCore")]
    [TestCase("Microsoft.AspNetCore")]
    [TestCase("StackExchange.Redis")]
    [TestCase("NATS.Client")]
    [TestCase("Npgsql")]
    public void Application_uses_no_adapter_types(string forbiddenPrefix)
    {
        var leaks = Application.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Select(f => f.FieldType)
                .Concat(t.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType)))
            .Where(t => t.Namespace?.StartsWith(forbiddenPrefix, StringComparison.Ordinal) == true);

        Assert.That(leaks, Is.Empty);
        Assert.That(Names(Application).Where(n => n.StartsWith(forbiddenPrefix, StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void Infrastructure_does_not_reference_the_api() =>
        Assert.That(Names(Infrastructure), Does.Not.Contain("Veza.Api"));

    /// <summary>
    /// Cross-cutting ports live in Veza.Domain.Ports; an aggregate's repository lives beside the
    /// aggregate (Veza.Domain.Users.IUserRepository). Either way every port speaks only Domain and
    /// base-library types (docs/decisions/0006).
    /// </summary>
    [Test]
    public void Ports_live_in_the_domain_and_speak_no_library_types()
    {
        var ports = Domain.GetTypes().Where(t => t.IsInterface && t.IsPublic).ToArray();
        var usedTypes = ports.SelectMany(p => p.GetMethods()).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType))
            .SelectMany(Flatten);

        Assert.That(ports.Count(t => t.Namespace == "Veza.Domain.Ports"), Is.GreaterThanOrEqualTo(10));
        Assert.That(usedTypes.Select(t => t.Assembly.GetName().Name).Distinct().Where(n => !IsBaseLibrary(n!) && n != "Veza.Domain"), Is.Empty);
    }

    [Test]
    public void Repositories_live_beside_their_aggregate()
    {
        var repositories = Domain.GetTypes().Where(t => t.IsInterface && t.Name.EndsWith("Repository", StringComparison.Ordinal)).ToArray();

        Assert.That(repositories, Is.Not.Empty);
        foreach (var repository in repositories)
        {
            var aggregate = repository.Name[1..^"Repository".Length];
            Assert.That(
                Domain.GetTypes().Any(t => t.Name == aggregate && t.Namespace == repository.Namespace && typeof(Veza.Domain.Common.Entity).IsAssignableFrom(t)),
                Is.True,
                $"{repository.FullName} should sit in the namespace of the aggregate {aggregate}");
        }
    }

    [Test]
    public void Project_files_point_inward()
    {
        var root = FindRepositoryRoot();
        Assert.That(ProjectReferences(root, "src/Domain/Veza.Domain.csproj"), Is.Empty);
        Assert.That(ProjectReferences(root, "src/Application/Veza.Application.csproj"), Is.EqualTo(new[] { "Veza.Domain" }));
        Assert.That(ProjectReferences(root, "src/Infrastructure/Veza.Infrastructure.csproj"), Is.EqualTo(new[] { "Veza.Application" }));
        Assert.That(ProjectReferences(root, "src/Api/Veza.Api.csproj"), Is.EqualTo(new[] { "Veza.Infrastructure" }));
        // The test kit is a second composition root for test suites: above Infrastructure, and nothing in src uses it.
        Assert.That(ProjectReferences(root, "src/TestKit/Veza.TestKit.csproj"), Is.EqualTo(new[] { "Veza.Infrastructure" }));
    }

    private static IEnumerable<Type> Flatten(Type type) =>
        type.IsGenericType ? type.GetGenericArguments().SelectMany(Flatten).Append(type.GetGenericTypeDefinition()) : [type.HasElementType ? type.GetElementType()! : type];

    private static string[] Names(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

    private static bool IsBaseLibrary(string name) => name is "System.Runtime" or "netstandard" or "mscorlib" || name.StartsWith("System.", StringComparison.Ordinal);

    private static string[] ProjectReferences(string root, string project) =>
        XDocument.Load(Path.Combine(root, project)).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/'))).ToArray();

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Veza.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Veza.sln not found above the test binaries.");
    }
}
