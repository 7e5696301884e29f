using System.Reflection;
using CrisisSim.Core.Engine;

namespace CrisisSim.Tests.Cli;

/// <summary>The dependency rules of docs/architecture.md §2 that a compiler does not enforce by itself.</summary>
public class ArchitectureTests
{
    private static readonly string[] s_model =
    [
        "CrisisSim.Core.Engine", "CrisisSim.Core.Actors", "CrisisSim.Core.Communication", "CrisisSim.Core.Hazards",
        "CrisisSim.Core.Population", "CrisisSim.Core.World", "CrisisSim.Core.Scenarios",
    ];

    private static readonly Type[] s_core = typeof(Simulation).Assembly.GetTypes();

    [Test]
    public void AnalysisKnowsNothingOfTheModel()
    {
        var offending = s_core.Where(t => t.Namespace == "CrisisSim.Core.Analysis")
            .SelectMany(t => Referenced(t).Where(r => s_model.Contains(r.Namespace)).Select(r => $"{t.Name} → {r.FullName}"))
            .Distinct().ToList();
        Assert.That(offending, Is.Empty, "analysis works on result tables and the metric catalog only");
    }

    [Test]
    public void PhasesAreInternalAndLiveInTheFolderOfTheirConcern()
    {
        var phases = s_core.Where(t => !t.IsAbstract && t.IsAssignableTo(typeof(Phase))).ToList();
        Assert.That(phases, Has.Count.GreaterThanOrEqualTo(9));
        Assert.Multiple(() =>
        {
            foreach (var p in phases)
            {
                Assert.That(p.IsPublic, Is.False, p.Name + " is internal");
                Assert.That(p.Namespace, Is.Not.EqualTo("CrisisSim.Core.Engine"), p.Name + " lives with its concern, not in Engine/");
            }
        });
    }

    [Test]
    public void TheCheckSeesAReferenceWhereThereIsOne() =>
        Assert.That(Referenced(typeof(Simulation)).Select(t => t.Namespace), Does.Contain("CrisisSim.Core.Scenarios"));

    /// <summary>Types named in <paramref name="t"/>'s base type, interfaces, fields, properties and method signatures.</summary>
    private static IEnumerable<Type> Referenced(Type t)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var named = new List<Type>();
        if (t.BaseType is not null)
        {
            named.Add(t.BaseType);
        }

        named.AddRange(t.GetInterfaces());
        named.AddRange(t.GetFields(all).Select(f => f.FieldType));
        named.AddRange(t.GetProperties(all).Select(p => p.PropertyType));
        foreach (var m in t.GetMethods(all).Cast<MethodBase>().Concat(t.GetConstructors(all)))
        {
            named.AddRange(m.GetParameters().Select(p => p.ParameterType));
            if (m is MethodInfo mi)
            {
                named.Add(mi.ReturnType);
            }
        }

        return named.SelectMany(Unwrap);
    }

    private static IEnumerable<Type> Unwrap(Type t)
    {
        if (t.HasElementType)
        {
            return Unwrap(t.GetElementType()!);
        }

        return t.IsGenericType ? [t.GetGenericTypeDefinition(), .. t.GetGenericArguments().SelectMany(Unwrap)] : [t];
    }
}
