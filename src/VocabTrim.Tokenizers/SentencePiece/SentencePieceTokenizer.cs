using System.Text;
using VocabTrim.Tokenizers.SentencePiece.Proto;

namespace VocabTrim.Tokenizers.SentencePiece;

/// <summary>
/// An exact SentencePiece unigram tokenizer: ids identical to the reference implementation
/// (<c>spm_encode --output_format=id</c>) for any text. Only unigram models are supported.
/// </summary>
public sealed class SentencePieceTokenizer : ITokenizer
{
    private readonly UnigramVocabulary _vocab;
    private readonly SentencePieceNormalizer _normalizer;
    private readonly SentencePieceDecoder _decoder;
    private readonly ThreadLocal<UnigramSentenceEncoder> _encoders;

    public SentencePieceModel Model { get; }

    public string Family => "sentencepiece-unigram";

    public int PieceCount => Model.PieceCount;

    private SentencePieceTokenizer(SentencePieceModel model)
    {
        Model = model;
        var type = model.ModelType;
        if (type != TrainerSpec.Types.ModelType.Unigram)
            throw new TokenizerFormatException(model.Source,
                $"SentencePiece models of type {type.ToString().ToUpperInvariant()} are not supported; vocabtrim " +
                "encodes UNIGRAM models (mT5/mT0)");
        _vocab = new UnigramVocabulary(model.Proto, model.Source);
        var spec = model.Proto.NormalizerSpec ?? new NormalizerSpec();
        _normalizer = new SentencePieceNormalizer(spec, model.Proto.TrainerSpec?.TreatWhitespaceAsSuffix ?? false,
            _vocab.UserDefinedSymbols, model.Source);
        _decoder = new SentencePieceDecoder(model.Proto);
        _encoders = new ThreadLocal<UnigramSentenceEncoder>(() => new UnigramSentenceEncoder(_vocab, _normalizer));
    }

    public static SentencePieceTokenizer Load(string path) => new(SentencePieceModel.Load(path));

    public static SentencePieceTokenizer FromModel(SentencePieceModel model) => new(model);

    /// <summary>True when sentences split into independently cacheable words (no piece has ▁ past its start).</summary>
    public bool UsesWordCache => _vocab.SplitsAtSpaceSymbol;

    public string PieceAt(int id) => Model.PieceAt(id);

    public PieceKind KindOf(int id) => Model.KindOf(id);

    public int UnknownId => _vocab.UnknownId;

    public int[] Encode(string text)
    {
        var ids = new List<int>();
        _encoders.Value!.Encode(Encoding.UTF8.GetBytes(text), ids);
        return [.. ids];
    }

    public string Decode(IEnumerable<int> ids) => _decoder.Decode(ids);

    public ISentenceEncoder CreateEncoder() => new UnigramSentenceEncoder(_vocab, _normalizer);
}
