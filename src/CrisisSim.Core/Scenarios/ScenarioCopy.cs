using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace CrisisSim.Core.Scenarios;

/// <summary>
/// Deep copies of scenarios. A run takes one when it is created, so the parameters it runs on cannot change under it
/// (a caller reusing or editing its Scenario object afterwards changes nothing in the run).
/// </summary>
public static class ScenarioCopy
{
    private static readonly ConcurrentDictionary<Type, Member[]> s_members = new();

    /// <summary>A copy of <paramref name="scenario"/> that shares no mutable object with it.</summary>
    public static Scenario Of(Scenario scenario) => (Scenario)Copy(scenario, typeof(Scenario))!;

    private static object? Copy(object? value, Type type)
    {
        if (value is null || type.IsValueType || type == typeof(string))
        {
            return value; // values and strings are immutable
        }

        if (value is IList list && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            var element = type.GetGenericArguments()[0];
            var copy = (IList)Activator.CreateInstance(type, list.Count)!;
            foreach (object? item in list)
            {
                copy.Add(Copy(item, element));
            }

            return copy;
        }

        object result = Activator.CreateInstance(type)!;
        foreach (var m in s_members.GetOrAdd(type, Members))
        {
            m.Set(result, Copy(m.Get(value), m.Type));
        }

        return result;
    }

    /// <summary>A settable property with compiled accessors (reflection's GetValue and SetValue cost most of a copy).</summary>
    private sealed record Member(Type Type, Func<object, object?> Get, Action<object, object?> Set);

    private static Member[] Members(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite).Select(p =>
        {
            var target = Expression.Parameter(typeof(object));
            var item = Expression.Parameter(typeof(object));
            var owner = Expression.Convert(target, type);
            var get = Expression.Lambda<Func<object, object?>>(Expression.Convert(Expression.Property(owner, p), typeof(object)), target).Compile();
            var set = Expression.Lambda<Action<object, object?>>(Expression.Assign(Expression.Property(owner, p), Expression.Convert(item, p.PropertyType)), target, item).Compile();
            return new Member(p.PropertyType, get, set);
        })];
}
