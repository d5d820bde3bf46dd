namespace VocabTrim.Inference.Cpu;

/// <summary>
/// Work an <see cref="ITeam"/> splits: <see cref="Run"/> is called once per part, concurrently, and each part
/// writes only its own share of the output. Jobs are reusable objects whose fields the step sets before each
/// run, so that a step allocates nothing.
/// </summary>
internal abstract class TeamJob
{
    public abstract void Run(int part, int parts);

    /// <summary>
    /// Part <paramref name="part"/>'s share of <c>[0, count)</c>, in whole groups of <paramref name="grain"/>.
    /// </summary>
    public static (long First, long End) Share(long count, int part, int parts, int grain = 4)
    {
        if (parts == 1) return (0, count);
        var groups = (count + grain - 1) / grain;
        var first = groups * part / parts * grain;
        var end = groups * (part + 1) / parts * grain;
        return (Math.Min(first, count), Math.Min(end, count));
    }
}
