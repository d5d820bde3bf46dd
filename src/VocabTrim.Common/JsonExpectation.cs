using System.Reflection;
using System.Text.RegularExpressions;

namespace VocabTrim.Common;

/// <summary>
/// What a JSON path in one of our files should hold, worked out from the type it is read into, so that
/// an error can say "expected a whole number" instead of naming an internal type.
/// </summary>
internal static partial class JsonExpectation
{
    [GeneratedRegex(@"^\$|\.([^.\[]+)|\[(\d+)\]|\['([^']*)'\]")]
    private static partial Regex Segment();

    /// <summary>A description such as "a whole number", or null when the path cannot be followed.</summary>
    public static string? At(Type root, string path)
    {
        Type? type = root;
        foreach (Match m in Segment().Matches(path))
        {
            if (type == null) return null;
            if (m.Value == "$") continue;
            type = m.Groups[1].Success ? Member(type, m.Groups[1].Value) : Element(type);
        }
        return type == null ? null : Describe(type);
    }

    private static Type? Member(Type type, string name)
    {
        if (Dictionary(type) is { } value) return value;
        var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property?.PropertyType;
    }

    private static Type? Element(Type type)
    {
        if (type.IsArray) return type.GetElementType();
        return Dictionary(type) ?? Enumerable(type);
    }

    private static Type? Dictionary(Type type) => Interfaces(type)
        .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        ?.GetGenericArguments()[1];

    private static Type? Enumerable(Type type) => Interfaces(type)
        .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        ?.GetGenericArguments()[0];

    private static IEnumerable<Type> Interfaces(Type type) =>
        type.IsInterface ? [type, .. type.GetInterfaces()] : type.GetInterfaces();

    private static string Describe(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(int) || t == typeof(long)) return "a whole number";
        if (t == typeof(double) || t == typeof(float)) return "a number";
        if (t == typeof(bool)) return "true or false";
        if (t == typeof(string)) return "a string";
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime))
            return "a date and time such as \"2025-01-31T12:00:00+00:00\"";
        if (t.IsEnum)
            return "one of " +
                $"{string.Join(", ", Enum.GetNames(t).Select(n => $"\"{char.ToLowerInvariant(n[0])}{n[1..]}\""))}";
        if (Dictionary(t) != null) return "an object";
        if (t.IsArray || Enumerable(t) != null) return "an array";
        return "an object";
    }
}
