namespace VocabTrim.Validation;

/// <summary>How validate ran the two models, and where its time went.</summary>
/// <param name="Streamed">
/// Whether layer weights were read per layer run (memory bounded by one layer per stack) rather than loaded whole.
/// </param>
/// <param name="Original">
/// "head": the bodies were proven identical (<see cref="BodyIdentity"/>), so only the original's LM head ran, over the
/// slim model's head inputs; "full": the original ran along the slim model's tokens.
/// </param>
/// <param name="OriginalReason">
/// Why the original ran in full (the first difference between the folders), or empty.
/// </param>
/// <param name="BodySha256">
/// The digest of the tensors both folders share (see <see cref="BodyIdentity.Sha256"/>), or empty.
/// </param>
/// <param name="IdentitySeconds">Checking the configs and hashing both folders.</param>
/// <param name="SlimEncoderSeconds">
/// The slim model's encoder pass (mT5) or prompt pass (BLOOM), weight reads included.
/// </param>
/// <param name="SlimDecoderSeconds">
/// The slim model's decoding steps (for mT5 with the pass that computes the cross-attention keys), weight reads
/// included.
/// </param>
/// <param name="SlimDecoderPasses">Passes over the decoder stack (each reads its weights once when streamed).</param>
/// <param name="SlimWeightReadSeconds">Of the slim model's time, reading and converting layer weights.</param>
/// <param name="SlimWeightBytesRead">Layer weight bytes the slim model read while running.</param>
/// <param name="OriginalSeconds">The original's head, or its full run.</param>
public sealed record ValidationRun(
    bool Streamed,
    string Original,
    string OriginalReason,
    string BodySha256,
    double IdentitySeconds,
    double SlimSeconds,
    double SlimEncoderSeconds,
    double SlimDecoderSeconds,
    int SlimDecoderPasses,
    double SlimWeightReadSeconds,
    long SlimWeightBytesRead,
    double OriginalSeconds)
{
    public const string HeadOnly = "head", Full = "full";
}
