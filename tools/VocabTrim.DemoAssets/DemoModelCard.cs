using System.Globalization;
using System.Text;
using VocabTrim.Selection;
using VocabTrim.Synthetic;

namespace VocabTrim.DemoAssets;

/// <summary>The demo model's README.md: a Hugging Face model card that says plainly what the model is not.</summary>
public static class DemoModelCard
{
    public static byte[] Write(
        Mt5Architecture a, int pieces, KeptVocabulary selection, long parameters, long weightBytes, ulong seed)
    {
        string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
        var quotas = string.Join(", ", selection.Rule.Quotas.Select(q => $"top {N(q.Top)} from {q.Language}"));
        var coverage = string.Join(", ", selection.Languages.Select(
            l => $"{l.Language} {(l.Coverage * 100).ToString("F2", CultureInfo.InvariantCulture)} %"));
        var t = selection.Totals;
        return Encoding.UTF8.GetBytes($$"""
            ---
            license: apache-2.0
            language:
            - en
            - de
            library_name: transformers
            pipeline_tag: text2text-generation
            tags:
            - mt5
            - vocabtrim
            - demo
            - random-weights
            ---

            # demo-mt5: a random-weight mT5 for the vocabtrim demo

            **This is not a language model.** Its weights are pseudo-random numbers, written by vocabtrim's demo
            generator (`tools/VocabTrim.DemoAssets`) so that the offline demo and the tests have a small checkpoint
            in exact Hugging Face layout. It generates nonsense. Only its tokenizer is real.

            ## What it is

            - `MT5ForConditionalGeneration` (`config.json`): d_model {{a.DModel}}, d_ff {{a.DFf}}, {{a.EncoderLayers}}+{{a.DecoderLayers}} layers,
              {{a.Heads}} heads × d_kv {{a.DKv}}, {{a.Buckets}} relative-position buckets (max distance {{a.MaxDistance}}), gated-gelu,
              untied `lm_head`, pad 0, eos 1, decoder start 0 — the shape of mT5 at toy size.
            - `model.safetensors`: {{N(parameters)}} parameters, float32, {{N(weightBytes)}} bytes. Tensors as `save_pretrained`
              writes them (`shared.weight` and `lm_head.weight`; the tied `encoder/decoder.embed_tokens.weight` left out).
            - `spiece.model`: {{N(pieces)}} pieces of the real mT5 SentencePiece model, with their original scores and types,
              mT5's normalizer and byte fallback, in mT5's layout: 0 `<pad>`, 1 `</s>`, 2 `<unk>`, 3–258 the byte pieces,
              259 `▁`, the 100 sentinels `▁<extra_id_99>` … `▁<extra_id_0>` last. `tokenizer_config.json` / `special_tokens_map.json` are
              those of mT5's `T5Tokenizer` (`extra_ids` 0: the sentinels are pieces).
            - Embedding rows: {{N(a.VocabRows)}} = the pieces rounded up to a multiple of 128, as mT5 pads its 250,100 pieces to
              250,112 rows; the rows past the last piece belong to no token.

            ## How it was made

            1. Tokenizer, with vocabtrim's own stages: the shared mT5-derived model (`shared/models/mt5-derived-32k`,
               32,596 of mT5's pieces) counted (`CorpusCounter`) on all 10,000 sentences of each of the Leipzig samples
               `eng_news_2020_10K` and `deu_news_2020_10K`; selected (`VocabularySelector`): every special piece, {{quotas}}
               and the top {{N(selection.Rule.Overall)}} overall ({{N(t.Kept)}} pieces: {{N(t.Specials)}} special, {{N(t.ByQuotas)}} by the
               language quotas, {{N(t.OverallOnly)}} by the overall quota only); trimmed (`SentencePieceTrimmer`). Share of each sample's
               tokens the kept pieces cover: {{coverage}}.
            2. Weights: a SplitMix64 generator seeded with {{seed}} (per tensor: the seed mixed with an FNV-1a hash of its
               name), normal values by Box-Muller with transformers' T5 init (embedding and `lm_head` std 1, q
               std (d_model·d_kv)^-½, k/v/relative bias d_model^-½, o (heads·d_kv)^-½, wi d_model^-½, wo d_ff^-½); the
               layer-norm gains uniform in [0.5, 1.5) rather than 1, so that a forgotten gain shows. The logarithm and
               cosine are computed from basic arithmetic, so every machine writes the same bytes.

            To make it again, from the repository root with the shared data in `../shared`:

                dotnet run --project tools/VocabTrim.DemoAssets -- --shared ../shared --out .

            `tests/VocabTrim.Demo.Tests` checks that this folder is byte for byte what the generator writes. Edit the
            generator, not these files.

            ## Use

                vocabtrim generate --model models/demo-mt5 --prompt "Das ist ein Test." --max-new-tokens 8

            With transformers (the output is as random as the weights):

            ```python
            from transformers import AutoTokenizer, MT5ForConditionalGeneration
            tokenizer = AutoTokenizer.from_pretrained("models/demo-mt5")
            model = MT5ForConditionalGeneration.from_pretrained("models/demo-mt5")
            print(model.generate(**tokenizer("Das ist ein Test.", return_tensors="pt"), max_new_tokens=8))
            ```

            ## License

            Apache 2.0, as mT5 (the tokenizer's pieces and scores are Google's mT5 vocabulary). The Leipzig sentences
            were only counted; they are licensed CC BY 4.0: D. Goldhahn, T. Eckart, U. Quasthoff (2012): Building Large
            Monolingual Dictionaries at the Leipzig Corpora Collection: From 100 to 200 Languages. LREC 2012.

            """.Replace("\r\n", "\n"));
    }
}
