using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace CrisisSim.Core.Scenarios;

/// <summary>
/// Deep copies of scenarios. A run takes one when it is created, so the parameters it runs on cannot change under it
/// (a caller reusing or editing its Scenario object afterwards changes nothing in the run).
/// </summary>
public static class ScenarioCopy
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> s_properties = new();

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
        foreach (var p in s_properties.GetOrAdd(type, t => [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite)]))
        {
            p.SetValue(result, Copy(p.GetValue(value), p.PropertyType));
        }

        return result;
    }
}
