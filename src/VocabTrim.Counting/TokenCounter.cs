using System.Threading.Channels;
using VocabTrim.Corpora;
using VocabTrim.Tokenizers;

namespace VocabTrim.Counting;

/// <summary>
/// Counts piece ids over a stream of sentence batches with one encoder per worker thread. Each
/// worker keeps its own counts and they are summed at the end, so the result does not depend on the
/// number of threads or on scheduling.
/// </summary>
public sealed class TokenCounter(ITokenizer tokenizer, int threads = 0)
{
    private readonly int _threads = threads > 0 ? threads : Environment.ProcessorCount;

    public int Threads => _threads;

    /// <param name="batches">Sentences to count; enumerated on a reader thread of its own.</param>
    /// <param name="progress">Receives the number of sentences counted so far, after each batch.</param>
    /// <returns>Occurrences per piece id (length = the tokenizer's piece count) and the sentences counted.</returns>
    public (long[] Counts, long Sentences) Count(IEnumerable<SentenceBatch> batches, IProgress<long>? progress = null,
        CancellationToken cancel = default)
    {
        var channel = Channel.CreateBounded<SentenceBatch>(new BoundedChannelOptions(_threads * 2)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        long sentencesDone = 0;
        // Any failure stops every side: a worker that dies must not leave the reader waiting on a full channel.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var token = stop.Token;

        var reader = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in batches)
                {
                    token.ThrowIfCancellationRequested();
                    await channel.Writer.WriteAsync(batch, token).ConfigureAwait(false);
                }
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
                stop.Cancel();
                throw;
            }
        }, token);

        var workers = Enumerable.Range(0, _threads).Select(_ => Task.Factory.StartNew(() =>
        {
            try
            {
                var counts = new long[tokenizer.PieceCount];
                var encoder = tokenizer.CreateEncoder();
                var ids = new List<int>(256);
                while (channel.Reader.WaitToReadAsync(token).AsTask().GetAwaiter().GetResult())
                {
                    while (channel.Reader.TryRead(out var batch))
                    {
                        for (var i = 0; i < batch.Count; i++)
                        {
                            ids.Clear();
                            encoder.Encode(batch[i], ids);
                            foreach (var id in ids) counts[id]++;
                        }
                        var done = Interlocked.Add(ref sentencesDone, batch.Count);
                        progress?.Report(done);
                    }
                }
                return counts;
            }
            catch
            {
                stop.Cancel();
                throw;
            }
        }, token, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        try
        {
            Task.WaitAll([reader, .. workers]);
        }
        catch (AggregateException e)
        {
            cancel.ThrowIfCancellationRequested();
            // The first real error (a malformed line, a truncated archive), not the cancellations it caused.
            var first = e.Flatten().InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException)
                ?? e.InnerExceptions[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
            throw;
        }

        var total = new long[tokenizer.PieceCount];
        foreach (var worker in workers)
        {
            var counts = worker.Result;
            for (var id = 0; id < total.Length; id++) total[id] += counts[id];
        }
        return (total, sentencesDone);
    }
}
