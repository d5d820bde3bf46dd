using System.Reflection;

namespace VocabTrim.Common;

/// <summary>The vocabtrim version recorded in the files it writes, so that results can be traced to the code.</summary>
public static class ToolVersion
{
    public static string Current { get; } =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ToolVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
