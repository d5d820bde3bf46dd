namespace VocabTrim.Inference.Cpu;

/// <summary>
/// Threads that run a <see cref="TeamJob"/>'s parts together, the calling thread taking part 0: the fused CPU
/// paths split each product, attention and norm over one.
/// </summary>
internal interface ITeam : IDisposable
{
    /// <summary>Threads that run a job's parts, the caller included.</summary>
    int Size { get; }

    /// <summary>Runs <c>job.Run(part, parts)</c> for every part; returns when all are done. A part that throws
    /// fails the run with an <see cref="AggregateException"/> once every part has ended.</summary>
    void Run(TeamJob job);

    /// <summary>
    /// libtorch's own OpenMP threads where they can be borrowed (<see cref="OpenMpTeam"/>), else a
    /// <see cref="ThreadTeam"/> of <paramref name="size"/> threads.
    /// </summary>
    static ITeam Create(int size) => (ITeam?)OpenMpTeam.TryCreate(size) ?? new ThreadTeam(size);
}
