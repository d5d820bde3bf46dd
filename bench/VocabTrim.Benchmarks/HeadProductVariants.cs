using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Benchmarks;

/// <summary>
/// The LM head's product in the layouts libtorch offers, timed in alternating rounds so that a busy machine
/// slows all alike, plus the cost of one tiny op (the per-call overhead that many small ops add up to):
/// <c>head-variants VOCAB BATCH [ROUNDS]</c>.
/// </summary>
internal static class HeadProductVariants
{
    public static void Run(int vocab, int batch, int rounds)
    {
        torch.set_num_threads(2);
        using var noGrad = inference_mode();
        const int d = 512;
        using var w = randn(vocab, d);                 // checkpoint layout [out, in]
        using var wt = w.t().contiguous();             // [in, out]
        using var x = randn(batch, d);
        using var x3 = x.unsqueeze(1);                 // [batch, 1, in] as the decoder has it
        using var x8 = randn(8, d);
        using var big = randn(vocab, d);
        using var tiny = randn(1, 1, d);
        VocabTrim.Inference.FewRowProduct.Threads = 2;  // as inside a decoding step
        var variants = new (string Name, Action Run)[]
        {
            ("matmul(x3, Wt) [in,out]", () => matmul(x3, wt).Dispose()),
            ("matmul(x, Wt) 2-d", () => matmul(x, wt).Dispose()),
            ("matmul(W, xT) → [out,b]", () => matmul(w, x.t()).Dispose()),
            (batch == 1 ? "mv(W, x)" : "mm(x, W.t())",
                batch == 1 ? () => mv(w, x.squeeze(0)).Dispose() : () => mm(x, w.t()).Dispose()),
            ("FewRowProduct(x, W) [out,in]", () => VocabTrim.Inference.FewRowProduct.Multiply(x, w).Dispose()),
            ("FewRowProduct 1 thread", () =>
            {
                VocabTrim.Inference.FewRowProduct.Threads = 1;
                VocabTrim.Inference.FewRowProduct.Multiply(x, w).Dispose();
                VocabTrim.Inference.FewRowProduct.Threads = 2;
            }),
            ("FewRowProduct x8 rows", () => VocabTrim.Inference.FewRowProduct.Multiply(x8, w).Dispose()),
            ("sum over [vocab,d] (stream)", () => big.sum().Dispose()),
            ("1000 × tiny add", () => { for (var i = 0; i < 1000; i++) tiny.add(tiny).Dispose(); }),
        };
        if (batch <= VocabTrim.Inference.FewRowProduct.MaxRows)
            using (var mine = VocabTrim.Inference.FewRowProduct.Multiply(x, w))
            using (var theirs = matmul(x, wt))
                Console.WriteLine(
                    $"FewRowProduct vs matmul: max |Δ| {(mine - theirs).abs().max().item<float>():E2}, max |y| "
                    + $"{theirs.abs().max().item<float>():F1}");
        if (batch > VocabTrim.Inference.FewRowProduct.MaxRows)
            variants = [.. variants.Where(v => !v.Name.StartsWith("FewRow", StringComparison.Ordinal))];
        var times = variants.Select(_ => new List<double>()).ToArray();
        for (var r = 0; r < rounds; r++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                variants[v].Run();
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < 5; i++) variants[v].Run();
                times[v].Add(watch.Elapsed.TotalMilliseconds / 5);
            }
        }
        var bytes = (double)vocab * d * 4;
        Console.WriteLine($"vocab {vocab} batch {batch}, {rounds} rounds: ms median / min (GB/s at min)");
        for (var v = 0; v < variants.Length; v++)
        {
            var sorted = times[v].OrderBy(t => t).ToArray();
            Console.WriteLine(
                $"  {variants[v].Name,-32} {sorted[sorted.Length / 2],8:F2} / {sorted[0],8:F2}  "
                + $"({bytes / sorted[0] / 1e6,5:F1})");
        }
    }
}
