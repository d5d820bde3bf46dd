using System.Text.Json.Nodes;
using VocabTrim.Surgery;

namespace VocabTrim.Pipeline.Tests.Surgery;

public class SpecialTokenIdsTests
{
    private static readonly IdRemap Remap = new([5, 0, 2, 1, 7]);

    [Fact]
    public void Single_ids_and_id_lists_move_with_the_keep_list_and_the_rest_is_untouched()
    {
        var json = JsonNode.Parse("""
            {"eos_token_id": [1, 2], "pad_token_id": 0, "bos_token_id": null, "decoder_start_token_id": 0,
             "suppress_tokens": [7, 3, 5], "max_length": 20}
            """)!.AsObject();

        var moved = SpecialTokenIds.Remap(json, Remap, "generation_config.json");

        json.ToJsonString().Should().Be(
            """{"eos_token_id":[3,2],"pad_token_id":1,"bos_token_id":null,"decoder_start_token_id":1,"suppress_""" +
            """tokens":[4,0],"max_length":20}""");
        moved.Should().Equal(
            "generation_config.json: pad_token_id 0 → 1", "generation_config.json: eos_token_id[0] 1 → 3",
            "generation_config.json: decoder_start_token_id 0 → 1");
    }

    [Fact]
    public void A_dropped_id_in_a_list_is_an_error_naming_its_place()
    {
        var json = JsonNode.Parse("""{"eos_token_id": [1, 4]}""")!.AsObject();

        var act = () => SpecialTokenIds.Remap(json, Remap, "generation_config.json");

        act.Should().Throw<ModelTrimException>().WithMessage(
            "generation_config.json: eos_token_id[1] is 4, which the keep list drops*");
    }

    [Fact]
    public void A_non_numeric_id_is_an_error()
    {
        var act = () =>
            SpecialTokenIds.Remap(JsonNode.Parse("""{"pad_token_id": "0"}""")!.AsObject(), Remap, "config.json");

        act.Should().Throw<ModelTrimException>().WithMessage(
            "config.json: pad_token_id: expected a token id, found \"0\"");
    }
}
